package io.switchboard.kpi.model;

/**
 * One KPI dimension: a provider's calls in a region, in one queue or ({@link #ALL_QUEUES}) across the whole service.
 * Encoded as a store-key prefix with a separator that cannot appear in names.
 */
public record GroupKey(String provider, String region, String queue) {

    public static final String ALL_QUEUES = "all";
    static final char SEPARATOR = '\u001f';

    public static GroupKey service(String provider, String region) {
        return new GroupKey(provider, region, ALL_QUEUES);
    }

    public boolean isService() {
        return ALL_QUEUES.equals(queue);
    }

    public String encode() {
        return provider + SEPARATOR + region + SEPARATOR + queue;
    }

    public static GroupKey decode(String encoded) {
        String[] parts = encoded.split(String.valueOf(SEPARATOR), -1);
        if (parts.length < 3) {
            throw new IllegalArgumentException("not a group key: " + encoded.replace(SEPARATOR, '|'));
        }
        return new GroupKey(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return provider + "/" + region + "/" + queue;
    }
}
