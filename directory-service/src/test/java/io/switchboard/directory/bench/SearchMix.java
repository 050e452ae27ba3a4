package io.switchboard.directory.bench;

import io.switchboard.directory.model.Sex;
import io.switchboard.directory.search.SearchRequest;
import io.switchboard.directory.synthetic.SyntheticDirectory;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic searches, deterministic from a seed: callers where people live (around the synthetic dataset's towns,
 * by population), a 111-like mix of dispositions, ages, sexes and times over a week that includes bank holidays.
 */
public final class SearchMix {

    /** Disposition codes and timeframes with their weight in the mix. */
    private static final Object[][] DISPOSITIONS = {
            {"Dx05", 120, 20}, {"Dx06", 360, 10}, {"Dx08", 1440, 8}, {"Dx11", 60, 10}, {"Dx12", 120, 8},
            {"Dx02", 60, 12}, {"Dx28", 1440, 8}, {"Dx35", 60, 10}, {"Dx97", 120, 2}, {"SBDEN24", 1440, 6},
            {"SBMHC1", 60, 4}, {"Dx117", 60, 2}};
    /** Monday 21 December 2026, 00:00 London (UTC in winter): the week holds Christmas and the Boxing Day substitute. */
    private static final Instant WEEK = Instant.parse("2026-12-21T00:00:00Z");

    private final SplittableRandom random;
    private final List<double[]> towns = SyntheticDirectory.townCentres();
    private final int totalWeight;
    private final int dispositionWeight;

    public SearchMix(long seed) {
        this.random = new SplittableRandom(seed);
        this.totalWeight = towns.stream().mapToInt(t -> (int) t[2]).sum();
        int w = 0;
        for (Object[] d : DISPOSITIONS) {
            w += (int) d[2];
        }
        this.dispositionWeight = w;
    }

    public SearchRequest next() {
        double[] town = towns.get(0);
        int x = random.nextInt(totalWeight);
        for (double[] t : towns) {
            x -= (int) t[2];
            if (x < 0) {
                town = t;
                break;
            }
        }
        double spread = town[3] * 1.5;
        double lat = town[0] + random.nextGaussian() * spread / 111.2;
        double lon = town[1] + random.nextGaussian() * spread / (111.2 * Math.cos(Math.toRadians(town[0])));
        Object[] disposition = DISPOSITIONS[0];
        int y = random.nextInt(dispositionWeight);
        for (Object[] d : DISPOSITIONS) {
            y -= (int) d[2];
            if (y < 0) {
                disposition = d;
                break;
            }
        }
        int age = random.nextInt(10) < 2 ? random.nextInt(16) : 16 + random.nextInt(80);
        Sex sex = switch (random.nextInt(20)) {
            case 0 -> Sex.NOT_KNOWN;
            case 1, 2, 3, 4, 5, 6, 7, 8, 9 -> Sex.FEMALE;
            default -> Sex.MALE;
        };
        Instant at = WEEK.plusSeconds(random.nextLong(7L * 24 * 3600));
        return new SearchRequest((String) disposition[0], (int) disposition[1], lat, lon, age, sex, null, at, 60, null,
                null, 3);
    }
}
