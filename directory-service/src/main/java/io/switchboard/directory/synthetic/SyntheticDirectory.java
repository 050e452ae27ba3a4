package io.switchboard.directory.synthetic;

import io.switchboard.directory.synthetic.SyntheticService.SpecifiedDate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic national directory: about {@code count} services spread over England around its towns and cities in
 * proportion to their population, with realistic service types and shares, opening hours by type (weekday, weekend,
 * bank holiday, overnight sessions, Christmas Eve short days) and the dispositions each type accepts. Deterministic:
 * the same count and seed give the same dataset. All names, codes, telephone numbers and coordinates are made up.
 */
public final class SyntheticDirectory {

    /** A place services cluster around: population weight (thousands) and spread (km). */
    record Town(String name, double lat, double lon, int weight, double spreadKm, String region, String area) {
    }

    static final List<Town> TOWNS = List.of(
            new Town("London", 51.507, -0.128, 8900, 11, "london", "E"),
            new Town("Birmingham", 52.486, -1.890, 1400, 9, "midlands", "B"),
            new Town("Manchester", 53.480, -2.242, 1800, 10, "north-west", "M"),
            new Town("Leeds", 53.800, -1.549, 800, 7, "north-east-and-yorkshire", "LS"),
            new Town("Liverpool", 53.408, -2.991, 900, 7, "north-west", "L"),
            new Town("Sheffield", 53.381, -1.470, 580, 6, "north-east-and-yorkshire", "S"),
            new Town("Bristol", 51.454, -2.588, 470, 6, "south-west", "BS"),
            new Town("Newcastle", 54.978, -1.618, 800, 8, "north-east-and-yorkshire", "NE"),
            new Town("Nottingham", 52.954, -1.158, 700, 7, "midlands", "NG"),
            new Town("Leicester", 52.637, -1.139, 550, 6, "midlands", "LE"),
            new Town("Coventry", 52.407, -1.510, 370, 5, "midlands", "CV"),
            new Town("Bradford", 53.796, -1.759, 540, 6, "north-east-and-yorkshire", "BD"),
            new Town("Hull", 53.745, -0.336, 260, 5, "north-east-and-yorkshire", "HU"),
            new Town("Stoke-on-Trent", 53.003, -2.180, 260, 5, "midlands", "ST"),
            new Town("Wolverhampton", 52.587, -2.129, 260, 5, "midlands", "WV"),
            new Town("Plymouth", 50.376, -4.143, 265, 5, "south-west", "PL"),
            new Town("Southampton", 50.910, -1.404, 250, 5, "south-east", "SO"),
            new Town("Portsmouth", 50.819, -1.088, 210, 4, "south-east", "PO"),
            new Town("Reading", 51.454, -0.978, 230, 5, "south-east", "RG"),
            new Town("Derby", 52.922, -1.476, 260, 5, "midlands", "DE"),
            new Town("Brighton", 50.822, -0.137, 290, 5, "south-east", "BN"),
            new Town("Norwich", 52.630, 1.297, 210, 6, "east-of-england", "NR"),
            new Town("Exeter", 50.718, -3.534, 130, 5, "south-west", "EX"),
            new Town("York", 53.960, -1.087, 210, 5, "north-east-and-yorkshire", "YO"),
            new Town("Cambridge", 52.205, 0.122, 150, 5, "east-of-england", "CB"),
            new Town("Oxford", 51.752, -1.258, 160, 5, "south-east", "OX"),
            new Town("Ipswich", 52.057, 1.148, 140, 5, "east-of-england", "IP"),
            new Town("Peterborough", 52.573, -0.249, 200, 5, "east-of-england", "PE"),
            new Town("Milton Keynes", 52.041, -0.760, 250, 5, "south-east", "MK"),
            new Town("Luton", 51.879, -0.417, 220, 4, "east-of-england", "LU"),
            new Town("Northampton", 52.240, -0.902, 230, 5, "midlands", "NN"),
            new Town("Swindon", 51.558, -1.782, 220, 5, "south-west", "SN"),
            new Town("Gloucester", 51.864, -2.244, 130, 5, "south-west", "GL"),
            new Town("Bournemouth", 50.720, -1.880, 400, 7, "south-west", "BH"),
            new Town("Truro", 50.263, -5.051, 180, 25, "south-west", "TR"),
            new Town("Carlisle", 54.892, -2.934, 110, 12, "north-west", "CA"),
            new Town("Lancaster", 54.047, -2.801, 140, 8, "north-west", "LA"),
            new Town("Preston", 53.763, -2.703, 350, 7, "north-west", "PR"),
            new Town("Middlesbrough", 54.574, -1.235, 400, 7, "north-east-and-yorkshire", "TS"),
            new Town("Sunderland", 54.906, -1.383, 280, 5, "north-east-and-yorkshire", "SR"),
            new Town("Durham", 54.776, -1.576, 200, 10, "north-east-and-yorkshire", "DH"),
            new Town("Lincoln", 53.234, -0.538, 180, 15, "midlands", "LN"),
            new Town("Chelmsford", 51.736, 0.479, 180, 6, "east-of-england", "CM"),
            new Town("Colchester", 51.896, 0.892, 190, 6, "east-of-england", "CO"),
            new Town("Canterbury", 51.280, 1.079, 250, 10, "south-east", "CT"),
            new Town("Maidstone", 51.272, 0.529, 250, 8, "south-east", "ME"),
            new Town("Guildford", 51.236, -0.570, 250, 8, "south-east", "GU"),
            new Town("Bath", 51.381, -2.359, 100, 6, "south-west", "BA"),
            new Town("Taunton", 51.015, -3.106, 150, 15, "south-west", "TA"),
            new Town("Worcester", 52.192, -2.220, 150, 10, "midlands", "WR"),
            new Town("Hereford", 52.056, -2.716, 90, 15, "midlands", "HR"),
            new Town("Shrewsbury", 52.708, -2.754, 150, 15, "midlands", "SY"),
            new Town("Chester", 53.193, -2.893, 200, 8, "north-west", "CH"),
            new Town("Warrington", 53.390, -2.597, 210, 5, "north-west", "WA"),
            new Town("Bolton", 53.578, -2.429, 280, 5, "north-west", "BL"),
            new Town("Huddersfield", 53.645, -1.785, 160, 5, "north-east-and-yorkshire", "HD"),
            new Town("Doncaster", 53.523, -1.134, 310, 7, "north-east-and-yorkshire", "DN"),
            new Town("Wakefield", 53.683, -1.499, 350, 6, "north-east-and-yorkshire", "WF"),
            new Town("Scarborough", 54.283, -0.400, 110, 15, "north-east-and-yorkshire", "YO"),
            new Town("Kendal", 54.328, -2.746, 70, 15, "north-west", "LA"),
            new Town("Barrow-in-Furness", 54.111, -3.226, 70, 8, "north-west", "LA"),
            new Town("Boston", 52.979, -0.026, 90, 15, "midlands", "PE"),
            new Town("King's Lynn", 52.754, 0.398, 100, 15, "east-of-england", "PE"),
            new Town("Salisbury", 51.069, -1.795, 100, 15, "south-west", "SP"),
            new Town("Dorchester", 50.715, -2.437, 90, 15, "south-west", "DT"),
            new Town("Barnstaple", 51.080, -4.058, 90, 18, "south-west", "EX"),
            new Town("Hastings", 50.856, 0.573, 150, 8, "south-east", "TN"),
            new Town("Southend-on-Sea", 51.538, 0.714, 180, 5, "east-of-england", "SS"),
            new Town("Watford", 51.656, -0.390, 200, 6, "east-of-england", "WD"));

    /** Days: 1..7 Monday..Sunday, 8 bank holiday. */
    private static final int[] WEEKDAYS = {1, 2, 3, 4, 5};
    private static final String[] STREETS = {"High Street", "Station Road", "Church Lane", "Park Road",
            "Victoria Road", "Market Place", "Mill Lane", "Queens Road", "London Road", "North Road", "Manor Way",
            "Riverside", "Castle Street", "Green Lane", "Kings Road"};
    private static final String[] LETTERS = {"A", "B", "D", "E", "F", "G", "H", "J", "L", "N", "P", "Q", "R", "S",
            "T", "U", "W", "X", "Y", "Z"};
    private static final List<LocalDate> CHRISTMAS_EVES = List.of(LocalDate.of(2025, 12, 24),
            LocalDate.of(2026, 12, 24), LocalDate.of(2027, 12, 24));

    /** A service type: its share of the directory, what it accepts, how it is referred to, its label. */
    private record Kind(String type, double share, String label, List<String> dispositions, List<String> referral) {
    }

    private static final List<String> PRIMARY = List.of("Dx05", "Dx06", "Dx07", "Dx08", "Dx11", "Dx12", "Dx13",
            "Dx14", "Dx15", "Dx117");
    private static final List<Kind> KINDS = List.of(
            new Kind("pharmacy", 0.120, "Pharmacy", List.of("Dx28", "Dx29", "Dx80", "Dx85", "Dx86", "Dx87", "Dx97",
                    "Dx98"), List.of("electronic", "telephone", "walk-in")),
            new Kind("gp-practice", 0.068, "Medical Practice", concat(PRIMARY, List.of("Dx09", "Dx10", "Dx16", "Dx75",
                    "Dx81", "Dx115")), List.of("telephone", "electronic")),
            new Kind("gp-out-of-hours", 0.004, "GP Out of Hours", concat(PRIMARY, List.of("Dx80", "Dx85", "Dx86",
                    "Dx87", "Dx97")), List.of("electronic", "telephone")),
            new Kind("urgent-treatment-centre", 0.0025, "Urgent Treatment Centre", List.of("Dx02", "Dx05", "Dx06",
                    "Dx07", "Dx08"), List.of("walk-in", "electronic")),
            new Kind("emergency-department", 0.0018, "Emergency Department", List.of("Dx02"), List.of("walk-in")),
            new Kind("minor-injuries-unit", 0.0015, "Minor Injuries Unit", List.of("Dx06", "Dx07"),
                    List.of("walk-in")),
            new Kind("walk-in-centre", 0.001, "Walk-in Centre", List.of("Dx05", "Dx06", "Dx07", "Dx08"),
                    List.of("walk-in")),
            new Kind("clinical-assessment-service", 0.0004, "Clinical Assessment Service", List.of("Dx35", "Dx11",
                    "Dx12", "Dx13", "Dx14", "Dx15", "Dx117"), List.of("electronic")),
            new Kind("dental-practice", 0.085, "Dental Practice", List.of("SBDEN24", "SBDENROUTINE"),
                    List.of("telephone")),
            new Kind("urgent-dental", 0.003, "Urgent Dental Service", List.of("SBDEN1", "SBDEN24"),
                    List.of("telephone")),
            new Kind("mental-health-crisis", 0.002, "Mental Health Crisis Team", List.of("SBMHC1"),
                    List.of("telephone")),
            new Kind("mental-health", 0.045, "Community Mental Health Team", List.of(), List.of("telephone")),
            new Kind("sexual-health", 0.03, "Sexual Health Clinic", List.of("Dx97", "Dx98"),
                    List.of("walk-in", "telephone")),
            new Kind("optician", 0.07, "Opticians", List.of(), List.of("telephone")),
            new Kind("community-nursing", 0.12, "Community Nursing Team", List.of(), List.of("telephone")),
            new Kind("palliative-care", 0.012, "Palliative Care Service", List.of("Dx117"), List.of("telephone")),
            new Kind("social-care", 0.11, "Social Care Team", List.of(), List.of("telephone")),
            new Kind("maternity", 0.02, "Maternity Unit", List.of(), List.of("telephone")),
            new Kind("physiotherapy", 0.06, "Physiotherapy", List.of(), List.of("telephone")),
            new Kind("podiatry", 0.04, "Podiatry", List.of(), List.of("telephone")),
            new Kind("community-services", 0.1978, "Community Health Service", List.of(), List.of("telephone")));

    private SyntheticDirectory() {
    }

    public static List<SyntheticService> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double totalShare = KINDS.stream().mapToDouble(Kind::share).sum();
        int totalWeight = TOWNS.stream().mapToInt(Town::weight).sum();
        List<SyntheticService> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Kind kind = pickKind(random.nextDouble() * totalShare);
            Town town = pickTown(random.nextInt(totalWeight));
            double spread = random.nextDouble() < 0.15 ? town.spreadKm() * 3 : town.spreadKm();
            double lat = town.lat() + random.nextGaussian() * spread / 111.2;
            double lon = town.lon() + random.nextGaussian() * spread / (111.2 * Math.cos(Math.toRadians(town.lat())));
            lat = Math.max(49.95, Math.min(55.8, lat));
            lon = Math.max(-5.7, Math.min(1.76, lon));
            out.add(service(i, kind, town, lat, lon, random));
        }
        return out;
    }

    private static SyntheticService service(int i, Kind kind, Town town, double lat, double lon,
            SplittableRandom random) {
        String id = String.format("syn-svc-%06d", i);
        int orgNumber = (i + 2) / 3;
        String street = STREETS[random.nextInt(STREETS.length)];
        String name = switch (kind.type()) {
            case "pharmacy", "gp-practice", "dental-practice", "optician" -> street + " " + kind.label() + ", " + town.name();
            default -> town.name() + " " + kind.label() + " " + (1 + random.nextInt(40));
        };
        int district = 1 + random.nextInt(30);
        String postcode = town.area() + district + " " + random.nextInt(10) + LETTERS[random.nextInt(LETTERS.length)]
                + LETTERS[random.nextInt(LETTERS.length)];
        List<int[]> sessions = new ArrayList<>();
        List<SpecifiedDate> specified = new ArrayList<>();
        int minAge = 0;
        int maxAge = 130;
        String sex = "any";
        List<String> dispositions = kind.dispositions();
        switch (kind.type()) {
            case "pharmacy" -> {
                double r = random.nextDouble();
                if (r < 0.15) { // "100-hour" pharmacy
                    for (int d = 1; d <= 7; d++) {
                        sessions.add(new int[] {d, 7 * 60, 22 * 60 + 30});
                    }
                    sessions.add(new int[] {8, 9 * 60, 18 * 60});
                } else {
                    int close = r < 0.6 ? 18 * 60 : 19 * 60;
                    weekdays(sessions, 9 * 60, close);
                    if (random.nextDouble() < 0.8) {
                        sessions.add(new int[] {6, 9 * 60, 17 * 60 + 30});
                    }
                    if (random.nextDouble() < 0.35) {
                        sessions.add(new int[] {7, 10 * 60, 16 * 60});
                    }
                    if (random.nextDouble() < 0.2) {
                        sessions.add(new int[] {8, 10 * 60, 16 * 60});
                    }
                }
            }
            case "gp-practice" -> {
                if (random.nextDouble() < 0.2) {
                    weekdays(sessions, 8 * 60, 12 * 60 + 30);
                    weekdays(sessions, 13 * 60 + 30, 18 * 60 + 30);
                } else {
                    weekdays(sessions, 8 * 60, 18 * 60 + 30);
                }
                if (random.nextDouble() < 0.08) {
                    sessions.add(new int[] {6, 9 * 60, 12 * 60});
                }
                for (LocalDate eve : CHRISTMAS_EVES) {
                    if (eve.getDayOfWeek().getValue() <= 5) {
                        specified.add(new SpecifiedDate(eve, 8 * 60, 13 * 60));
                    }
                }
            }
            case "gp-out-of-hours" -> {
                weekdays(sessions, 18 * 60 + 30, 8 * 60);
                for (int d : new int[] {6, 7, 8}) {
                    sessions.add(new int[] {d, 0, 1440});
                    sessions.add(new int[] {d, 18 * 60 + 30, 8 * 60});
                }
            }
            case "urgent-treatment-centre", "walk-in-centre" -> {
                boolean allDay = kind.type().equals("urgent-treatment-centre") && random.nextDouble() < 0.2;
                for (int d = 1; d <= 8; d++) {
                    sessions.add(allDay ? new int[] {d, 0, 1440} : new int[] {d, 8 * 60, 22 * 60});
                }
            }
            case "emergency-department", "clinical-assessment-service", "mental-health-crisis" -> {
                for (int d = 1; d <= 8; d++) {
                    sessions.add(new int[] {d, 0, 1440});
                }
                if (kind.type().equals("emergency-department") && random.nextDouble() < 0.1) {
                    maxAge = 15; // a children's emergency department
                }
                if (kind.type().equals("mental-health-crisis")) {
                    if (random.nextDouble() < 0.2) {
                        maxAge = 17;
                    } else {
                        minAge = 18;
                    }
                }
            }
            case "minor-injuries-unit" -> {
                minAge = 2;
                for (int d = 1; d <= 8; d++) {
                    sessions.add(new int[] {d, 8 * 60, 20 * 60});
                }
            }
            case "urgent-dental" -> {
                weekdays(sessions, 18 * 60, 22 * 60);
                for (int d : new int[] {6, 7, 8}) {
                    sessions.add(new int[] {d, 9 * 60, 13 * 60});
                }
            }
            case "dental-practice" -> {
                weekdays(sessions, 9 * 60, 17 * 60 + 30);
                if (random.nextDouble() > 0.3) {
                    dispositions = List.of();
                }
            }
            case "sexual-health" -> {
                minAge = 13;
                weekdays(sessions, 9 * 60, 17 * 60);
                if (random.nextDouble() < 0.3) {
                    sessions.add(new int[] {6, 9 * 60, 12 * 60});
                }
            }
            case "palliative-care" -> {
                boolean allDay = random.nextDouble() < 0.5;
                for (int d = 1; d <= 8; d++) {
                    if (allDay) {
                        sessions.add(new int[] {d, 0, 1440});
                    } else if (d <= 5) {
                        sessions.add(new int[] {d, 8 * 60, 20 * 60});
                    }
                }
                minAge = 18;
            }
            case "maternity" -> {
                sex = "female";
                minAge = 12;
                maxAge = 60;
                for (int d = 1; d <= 8; d++) {
                    sessions.add(new int[] {d, 0, 1440});
                }
            }
            default -> weekdays(sessions, 9 * 60, 17 * 60);
        }
        double c = random.nextDouble();
        String capacity = c < 0.01 ? "red" : c < 0.04 ? "amber" : null;
        boolean active = random.nextDouble() >= 0.02;
        String ods = kind.type().equals("gp-practice") ? String.format("Y%05d", i % 100_000) : null;
        String telephone = String.format("0%d %06d", 1000 + random.nextInt(9000), random.nextInt(1_000_000));
        return new SyntheticService(id, "syn-org-" + orgNumber, town.name() + " Health Partnership " + orgNumber,
                "syn-loc-" + i, name, kind.type(), town.region(), ods, active, minAge, maxAge, sex, new int[0],
                dispositions, kind.referral(), telephone, round(lat), round(lon), postcode, town.name(), sessions,
                specified, capacity);
    }

    private static void weekdays(List<int[]> sessions, int opens, int closes) {
        for (int d : WEEKDAYS) {
            sessions.add(new int[] {d, opens, closes});
        }
    }

    private static Kind pickKind(double x) {
        double acc = 0;
        for (Kind k : KINDS) {
            acc += k.share();
            if (x < acc) {
                return k;
            }
        }
        return KINDS.get(KINDS.size() - 1);
    }

    private static Town pickTown(int x) {
        int acc = 0;
        for (Town t : TOWNS) {
            acc += t.weight();
            if (x < acc) {
                return t;
            }
        }
        return TOWNS.get(TOWNS.size() - 1);
    }

    /** The towns' centres, for benchmarks that search where people live. */
    public static List<double[]> townCentres() {
        return TOWNS.stream().map(t -> new double[] {t.lat(), t.lon(), t.weight(), t.spreadKm()}).toList();
    }

    private static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
