-- Reference data: the disposition catalogue, the bank holidays of England and Wales 2025-2027, national default
-- commissioner ranks and a small postcode table.

-- Dx codes and timeframes from docs/reference/dispositions.md. Codes starting SB are defined by Switchboard
-- (ambulance categories, self-care, dental and mental-health crisis): keep them in step with triage-service.
INSERT INTO disposition (code, name, timeframe_minutes, care_setting, outcome_group, needs_service) VALUES
 ('Dx02',  'Attend an emergency treatment centre within 1 hour', 60, 'emergency-department', 'a-and-e', TRUE),
 ('Dx05',  'Contact a primary care service within 2 hours', 120, 'primary-care', 'primary-care', TRUE),
 ('Dx06',  'Contact a primary care service within 6 hours', 360, 'primary-care', 'primary-care', TRUE),
 ('Dx07',  'Contact a primary care service within 12 hours', 720, 'primary-care', 'primary-care', TRUE),
 ('Dx08',  'Contact a primary care service within 24 hours', 1440, 'primary-care', 'primary-care', TRUE),
 ('Dx09',  'Persistent or recurrent symptoms: contact own GP for a non-urgent appointment', 10080, 'primary-care', 'primary-care', TRUE),
 ('Dx10',  'Contact own GP practice for a non-urgent appointment', 10080, 'primary-care', 'primary-care', TRUE),
 ('Dx11',  'Speak to a primary care service within 1 hour', 60, 'primary-care', 'primary-care', TRUE),
 ('Dx12',  'Speak to a primary care service within 2 hours', 120, 'primary-care', 'primary-care', TRUE),
 ('Dx13',  'Speak to a primary care service within 6 hours', 360, 'primary-care', 'primary-care', TRUE),
 ('Dx14',  'Speak to a primary care service within 12 hours', 720, 'primary-care', 'primary-care', TRUE),
 ('Dx15',  'Speak to a primary care service within 24 hours', 1440, 'primary-care', 'primary-care', TRUE),
 ('Dx16',  'Contact own GP within 3 working days if not better', 4320, 'primary-care', 'primary-care', TRUE),
 ('Dx28',  'Contact a pharmacist within 24 hours', 1440, 'pharmacy', 'other-service', TRUE),
 ('Dx29',  'Contact a pharmacist next working day', 1440, 'pharmacy', 'other-service', TRUE),
 ('Dx35',  'A clinician will call you back', 60, 'clinical-assessment', 'primary-care', TRUE),
 ('Dx75',  'Contact own GP within 3 working days', 4320, 'primary-care', 'primary-care', TRUE),
 ('Dx80',  'Repeat prescription needed within 6 hours', 360, 'pharmacy', 'other-service', TRUE),
 ('Dx81',  'Contact own GP next working day for a repeat prescription', 1440, 'primary-care', 'primary-care', TRUE),
 ('Dx85',  'Repeat prescription needed within 2 hours', 120, 'pharmacy', 'other-service', TRUE),
 ('Dx86',  'Repeat prescription needed within 12 hours', 720, 'pharmacy', 'other-service', TRUE),
 ('Dx87',  'Repeat prescription needed within 24 hours', 1440, 'pharmacy', 'other-service', TRUE),
 ('Dx97',  'Emergency contraception needed within 2 hours', 120, 'sexual-health', 'other-service', TRUE),
 ('Dx98',  'Emergency contraception needed within 12 hours', 720, 'sexual-health', 'other-service', TRUE),
 ('Dx115', 'Contact own GP practice next working day for an appointment', 7200, 'primary-care', 'primary-care', TRUE),
 ('Dx117', 'Speak to a primary care service within 1 hour (palliative care)', 60, 'primary-care', 'primary-care', TRUE),
 ('SBAMBC1', 'Emergency ambulance response, category 1', 0, 'emergency-ambulance', 'ambulance', FALSE),
 ('SBAMBC2', 'Emergency ambulance response, category 2', 0, 'emergency-ambulance', 'ambulance', FALSE),
 ('SBAMBC3', 'Emergency ambulance response, category 3', 0, 'emergency-ambulance', 'ambulance', FALSE),
 ('SBAMBC4', 'Emergency ambulance response, category 4', 0, 'emergency-ambulance', 'ambulance', FALSE),
 ('SBSELF',  'Self-care advice; no service needed', 0, 'self-care', 'self-care', FALSE),
 ('SBDEN24', 'Contact a dental service within 24 hours', 1440, 'dental', 'other-service', TRUE),
 ('SBMHC1',  'Speak to a mental health crisis service within 1 hour', 60, 'mental-health', 'other-service', TRUE);

-- England and Wales (gov.uk/bank-holidays), substitute days included.
INSERT INTO bank_holiday (date, name) VALUES
 ('2025-01-01', 'New Year''s Day'), ('2025-04-18', 'Good Friday'), ('2025-04-21', 'Easter Monday'),
 ('2025-05-05', 'Early May bank holiday'), ('2025-05-26', 'Spring bank holiday'),
 ('2025-08-25', 'Summer bank holiday'), ('2025-12-25', 'Christmas Day'), ('2025-12-26', 'Boxing Day'),
 ('2026-01-01', 'New Year''s Day'), ('2026-04-03', 'Good Friday'), ('2026-04-06', 'Easter Monday'),
 ('2026-05-04', 'Early May bank holiday'), ('2026-05-25', 'Spring bank holiday'),
 ('2026-08-31', 'Summer bank holiday'), ('2026-12-25', 'Christmas Day'), ('2026-12-28', 'Boxing Day (substitute day)'),
 ('2027-01-01', 'New Year''s Day'), ('2027-03-26', 'Good Friday'), ('2027-03-29', 'Easter Monday'),
 ('2027-05-03', 'Early May bank holiday'), ('2027-05-31', 'Spring bank holiday'),
 ('2027-08-30', 'Summer bank holiday'), ('2027-12-27', 'Christmas Day (substitute day)'),
 ('2027-12-28', 'Boxing Day (substitute day)');

-- National default ranking ('*'); a region's own rows take precedence. Unranked types rank 10.
INSERT INTO commissioner_rank (region, service_type, rank) VALUES
 ('*', 'clinical-assessment-service', 1), ('*', 'mental-health-crisis', 1), ('*', 'urgent-treatment-centre', 1),
 ('*', 'gp-out-of-hours', 2), ('*', 'gp-practice', 2), ('*', 'pharmacy', 2), ('*', 'urgent-dental', 2),
 ('*', 'emergency-department', 3), ('*', 'walk-in-centre', 3), ('*', 'sexual-health', 3),
 ('*', 'minor-injuries-unit', 3), ('*', 'dental-practice', 4), ('*', 'community-nursing', 5),
 ('*', 'mental-health', 5), ('*', 'optician', 6), ('*', 'palliative-care', 4);

-- Postcode districts (outward codes) and a few full postcodes. APPROXIMATE centroids, good enough for demos and
-- tests, not an official source: import the ONS Postcode Directory (POST /directory/postcodes) for real use.
INSERT INTO postcode (code, latitude, longitude, region) VALUES
 ('LS1', 53.7965, -1.5478, 'north-east-and-yorkshire'), ('LS1 4AP', 53.7997, -1.5492, 'north-east-and-yorkshire'),
 ('LS2', 53.8028, -1.5445, 'north-east-and-yorkshire'), ('LS6', 53.8195, -1.5780, 'north-east-and-yorkshire'),
 ('BD1', 53.7940, -1.7520, 'north-east-and-yorkshire'), ('HX1', 53.7230, -1.8610, 'north-east-and-yorkshire'),
 ('S1', 53.3800, -1.4700, 'north-east-and-yorkshire'), ('YO1', 53.9600, -1.0820, 'north-east-and-yorkshire'),
 ('HU1', 53.7440, -0.3330, 'north-east-and-yorkshire'), ('NE1', 54.9710, -1.6130, 'north-east-and-yorkshire'),
 ('SR1', 54.9060, -1.3810, 'north-east-and-yorkshire'), ('TS1', 54.5740, -1.2350, 'north-east-and-yorkshire'),
 ('DL1', 54.5250, -1.5530, 'north-east-and-yorkshire'),
 ('M1', 53.4780, -2.2360, 'north-west'), ('L1', 53.4040, -2.9810, 'north-west'), ('PR1', 53.7590, -2.6990, 'north-west'),
 ('BL1', 53.5780, -2.4290, 'north-west'), ('CA1', 54.8920, -2.9310, 'north-west'), ('LA1', 54.0470, -2.8010, 'north-west'),
 ('CH1', 53.1910, -2.8910, 'north-west'),
 ('B1', 52.4790, -1.9080, 'midlands'), ('CV1', 52.4080, -1.5100, 'midlands'), ('NG1', 52.9540, -1.1500, 'midlands'),
 ('LE1', 52.6360, -1.1340, 'midlands'), ('DE1', 52.9220, -1.4760, 'midlands'), ('ST1', 53.0250, -2.1780, 'midlands'),
 ('WV1', 52.5860, -2.1290, 'midlands'), ('LN1', 53.2340, -0.5380, 'midlands'), ('NN1', 52.2370, -0.8940, 'midlands'),
 ('WR1', 52.1920, -2.2200, 'midlands'),
 ('NR1', 52.6280, 1.2980, 'east-of-england'), ('NR2', 52.6310, 1.2820, 'east-of-england'),
 ('CB1', 52.2000, 0.1370, 'east-of-england'), ('IP1', 52.0590, 1.1550, 'east-of-england'),
 ('CO1', 51.8890, 0.9040, 'east-of-england'), ('PE1', 52.5740, -0.2420, 'east-of-england'),
 ('LU1', 51.8790, -0.4170, 'east-of-england'), ('CM1', 51.7360, 0.4690, 'east-of-england'),
 ('EC1A', 51.5180, -0.0970, 'london'), ('SW1A', 51.5010, -0.1420, 'london'), ('E1', 51.5170, -0.0630, 'london'),
 ('N1', 51.5360, -0.1030, 'london'), ('SE1', 51.4980, -0.0890, 'london'), ('W1', 51.5140, -0.1450, 'london'),
 ('CR0', 51.3730, -0.0990, 'london'), ('HA1', 51.5800, -0.3370, 'london'),
 ('BN1', 50.8250, -0.1400, 'south-east'), ('BN2', 50.8230, -0.1200, 'south-east'),
 ('SO14', 50.9050, -1.4040, 'south-east'), ('PO1', 50.7990, -1.0910, 'south-east'),
 ('OX1', 51.7520, -1.2580, 'south-east'), ('RG1', 51.4550, -0.9690, 'south-east'),
 ('CT1', 51.2800, 1.0800, 'south-east'), ('ME1', 51.3880, 0.5060, 'south-east'), ('GU1', 51.2360, -0.5700, 'south-east'),
 ('MK9', 52.0420, -0.7560, 'south-east'),
 ('BS1', 51.4530, -2.5930, 'south-west'), ('EX1', 50.7240, -3.5270, 'south-west'), ('EX2', 50.7160, -3.5330, 'south-west'),
 ('PL1', 50.3710, -4.1430, 'south-west'), ('TR1', 50.2630, -5.0510, 'south-west'), ('BA1', 51.3810, -2.3590, 'south-west'),
 ('GL1', 51.8640, -2.2440, 'south-west'), ('BH1', 50.7200, -1.8800, 'south-west'), ('TA1', 51.0150, -3.1010, 'south-west'),
 ('SN1', 51.5580, -1.7810, 'south-west');
