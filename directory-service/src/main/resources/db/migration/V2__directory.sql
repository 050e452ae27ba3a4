-- The directory of services (see docs/directory.md for the model and its HSDS mapping).
-- Times of day are minutes after local midnight (Europe/London): opens 0..1439, closes 1..1440. A session whose
-- closes is not after its opens runs past midnight into the next day (18:30-08:00 is opens 1110, closes 480).
-- Days are ISO weekdays 1 (Monday) .. 7 (Sunday) and 8 for a bank holiday.

-- cube + earthdistance give the GiST-indexed great-circle search the 'database' search index uses. Both are
-- trusted extensions (PostgreSQL 13+): the database owner may create them.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

CREATE TABLE organisation (
    id          VARCHAR(100) PRIMARY KEY,
    name        VARCHAR(300) NOT NULL,
    ods_code    VARCHAR(20),
    description TEXT
);

CREATE TABLE location (
    id        VARCHAR(100) PRIMARY KEY,
    name      VARCHAR(300),
    address   VARCHAR(500),
    postcode  VARCHAR(10),
    latitude  DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180)
);
CREATE INDEX location_earth ON location USING gist (ll_to_earth(latitude, longitude));
CREATE INDEX location_lat_lon ON location (latitude, longitude);

CREATE TABLE service (
    id               VARCHAR(100) PRIMARY KEY,
    organisation_id  VARCHAR(100) NOT NULL REFERENCES organisation (id),
    location_id      VARCHAR(100) NOT NULL REFERENCES location (id),
    name             VARCHAR(300) NOT NULL,
    type             VARCHAR(60)  NOT NULL CHECK (type ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    region           VARCHAR(100),
    ods_code         VARCHAR(20),
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    min_age_years    SMALLINT     NOT NULL DEFAULT 0 CHECK (min_age_years BETWEEN 0 AND 130),
    max_age_years    SMALLINT     NOT NULL DEFAULT 130 CHECK (max_age_years BETWEEN 0 AND 130),
    sex              VARCHAR(10)  NOT NULL DEFAULT 'any' CHECK (sex IN ('any', 'female', 'male')),
    -- empty: every symptom group
    symptom_groups   INTEGER[]    NOT NULL DEFAULT '{}',
    -- in the service's order of preference; the first is used for a referral
    referral_methods VARCHAR(20)[] NOT NULL CHECK (cardinality(referral_methods) > 0
                         AND referral_methods <@ ARRAY['telephone', 'electronic', 'walk-in']::VARCHAR(20)[]),
    telephone        VARCHAR(40),
    referral_endpoint VARCHAR(500),
    description      TEXT,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (min_age_years <= max_age_years)
);
CREATE INDEX service_location ON service (location_id);
CREATE INDEX service_organisation ON service (organisation_id);
CREATE INDEX service_region ON service (region);

-- The disposition catalogue: what a code means and how soon care is needed (the search window follows from it).
CREATE TABLE disposition (
    code              VARCHAR(20) PRIMARY KEY CHECK (code ~ '^(Dx|SB)[A-Za-z0-9]{1,16}$'),
    name              VARCHAR(300) NOT NULL,
    timeframe_minutes INTEGER      NOT NULL CHECK (timeframe_minutes >= 0),
    care_setting      VARCHAR(60),
    outcome_group     VARCHAR(30)  NOT NULL CHECK (outcome_group IN
                          ('ambulance', 'a-and-e', 'primary-care', 'other-service', 'self-care')),
    -- no directory search: ambulance responses and self-care advice
    needs_service     BOOLEAN      NOT NULL
);

-- The dispositions a service accepts. The code need not be in the catalogue (a new code can be loaded first).
CREATE TABLE service_disposition (
    service_id       VARCHAR(100) NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    disposition_code VARCHAR(20)  NOT NULL,
    PRIMARY KEY (service_id, disposition_code)
);
CREATE INDEX service_disposition_code ON service_disposition (disposition_code, service_id);

CREATE TABLE opening_session (
    service_id  VARCHAR(100) NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    day         SMALLINT     NOT NULL CHECK (day BETWEEN 1 AND 8),
    opens_min   SMALLINT     NOT NULL CHECK (opens_min BETWEEN 0 AND 1439),
    closes_min  SMALLINT     NOT NULL CHECK (closes_min BETWEEN 1 AND 1440),
    PRIMARY KEY (service_id, day, opens_min)
);

-- Specified dates replace the weekly (and bank-holiday) sessions of that date. A row without times closes the day.
CREATE TABLE opening_exception (
    service_id  VARCHAR(100) NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    date        DATE         NOT NULL,
    opens_min   SMALLINT     CHECK (opens_min BETWEEN 0 AND 1439),
    closes_min  SMALLINT     CHECK (closes_min BETWEEN 1 AND 1440),
    CHECK ((opens_min IS NULL) = (closes_min IS NULL))
);
CREATE UNIQUE INDEX opening_exception_key ON opening_exception (service_id, date, coalesce(opens_min, -1));
CREATE INDEX opening_exception_date ON opening_exception (date);

-- Bank holidays of England and Wales (gov.uk); extend with INSERTs for later years.
CREATE TABLE bank_holiday (
    date     DATE PRIMARY KEY,
    name     VARCHAR(100) NOT NULL,
    division VARCHAR(40)  NOT NULL DEFAULT 'england-and-wales'
);

-- Current capacity of a service; no row means green. A manual amber or red may reset itself at reset_at.
CREATE TABLE capacity (
    service_id VARCHAR(100) PRIMARY KEY REFERENCES service (id) ON DELETE CASCADE,
    status     VARCHAR(10)  NOT NULL CHECK (status IN ('green', 'amber', 'red')),
    set_by     VARCHAR(200) NOT NULL,
    set_at     TIMESTAMPTZ  NOT NULL,
    reset_at   TIMESTAMPTZ,
    reason     VARCHAR(500)
);
CREATE INDEX capacity_set_at ON capacity (set_at);
CREATE INDEX capacity_reset_at ON capacity (reset_at) WHERE reset_at IS NOT NULL;

-- Every capacity change, for the audit trail.
CREATE TABLE capacity_change (
    event_id        VARCHAR(100) PRIMARY KEY,
    service_id      VARCHAR(100) NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    previous_status VARCHAR(10)  NOT NULL,
    set_by          VARCHAR(200) NOT NULL,
    set_at          TIMESTAMPTZ  NOT NULL,
    reset_at        TIMESTAMPTZ,
    reason          VARCHAR(500)
);
CREATE INDEX capacity_change_service ON capacity_change (service_id, set_at);

-- Commissioners rank service types 1 (first) to 10 per region; region '*' is the national default.
CREATE TABLE commissioner_rank (
    region       VARCHAR(100) NOT NULL,
    service_type VARCHAR(60)  NOT NULL,
    rank         SMALLINT     NOT NULL CHECK (rank BETWEEN 1 AND 10),
    PRIMARY KEY (region, service_type)
);

-- Postcode (full 'LS1 4AP', sector 'LS1 4' or district 'LS1') to coordinates, and search distances stored for
-- a postcode, sector or district. Importable as CSV (postcode,latitude,longitude[,region][,search_distance_km]).
CREATE TABLE postcode (
    code               VARCHAR(10) PRIMARY KEY,
    latitude           DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude          DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    region             VARCHAR(100),
    search_distance_km DOUBLE PRECISION CHECK (search_distance_km > 0 AND search_distance_km <= 200),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

-- Bumped by every change to the directory's data, so every instance reloads its in-memory index.
CREATE TABLE directory_version (
    id         SMALLINT PRIMARY KEY CHECK (id = 1),
    version    BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO directory_version VALUES (1, 1, now());

CREATE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET version = version + 1, changed_at = now() WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER organisation_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER location_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON location
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER service_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER service_disposition_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_disposition
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER opening_session_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opening_session
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER opening_exception_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opening_exception
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER bank_holiday_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bank_holiday
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER commissioner_rank_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commissioner_rank
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
