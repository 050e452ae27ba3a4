package io.switchboard.directory.search;

/** Great-circle distances on a spherical Earth (mean radius), good to a few metres at these scales. */
public final class Geo {

    public static final double EARTH_RADIUS_KM = 6371.0088;
    public static final double KM_PER_DEGREE_LAT = Math.PI * EARTH_RADIUS_KM / 180.0;

    private Geo() {
    }

    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        return distanceKm(lat1, lon1, cosLat(lat1), lat2, lon2, cosLat(lat2));
    }

    public static double cosLat(double lat) {
        return Math.cos(Math.toRadians(lat));
    }

    /** Haversine with the cosines of both latitudes given (the index keeps them per service). */
    public static double distanceKm(double lat1, double lon1, double cosLat1, double lat2, double lon2,
            double cosLat2) {
        double sinDp = Math.sin(Math.toRadians(lat2 - lat1) / 2);
        double sinDl = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double a = sinDp * sinDp + cosLat1 * cosLat2 * sinDl * sinDl;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /** Rounds a distance for display and events (0.1 km). */
    public static double round(double km) {
        return Math.round(km * 10.0) / 10.0;
    }
}
