package io.switchboard.simulator;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A distribution of durations in seconds, sampled from a caller's or an agent's own random stream.
 *
 * <p>Written as text the way the command line and scenario files take it: {@code fixed(20)}, {@code exp(300)} (mean),
 * {@code lognormal(480,240)} (mean, standard deviation), {@code gamma(480,240)} (mean, standard deviation) or
 * {@code never} (infinite: a caller who never gives up).
 */
public sealed interface Distribution {

    /** One sample, in seconds (0 or more; {@link Double#POSITIVE_INFINITY} for {@link Never}). */
    double sample(RandomGenerator random);

    /** The mean, in seconds. */
    double mean();

    /** Probability that a sample is at most {@code x} seconds. */
    double cdf(double x);

    /** The text form, which {@link #parse} reads back. */
    String describe();

    /** Always the same value. */
    record Fixed(double value) implements Distribution {
        public Fixed {
            requireNonNegative(value, "value");
        }

        @Override
        public double sample(RandomGenerator random) {
            return value;
        }

        @Override
        public double mean() {
            return value;
        }

        @Override
        public double cdf(double x) {
            return x >= value ? 1.0 : 0.0;
        }

        @Override
        public String describe() {
            return "fixed(" + format(value) + ")";
        }
    }

    /** Exponential with this mean (a constant hazard: the classic "impatient caller" of Erlang A). */
    record Exponential(double mean) implements Distribution {
        public Exponential {
            requirePositive(mean, "mean");
        }

        @Override
        public double sample(RandomGenerator random) {
            return -mean * Math.log(1.0 - random.nextDouble());
        }

        @Override
        public double cdf(double x) {
            return x <= 0 ? 0.0 : 1.0 - Math.exp(-x / mean);
        }

        @Override
        public String describe() {
            return "exp(" + format(mean) + ")";
        }
    }

    /** Lognormal given by its own mean and standard deviation (not those of the underlying normal). */
    record LogNormal(double mean, double sd) implements Distribution {
        public LogNormal {
            requirePositive(mean, "mean");
            requirePositive(sd, "sd");
        }

        double sigma() {
            return Math.sqrt(Math.log(1.0 + (sd * sd) / (mean * mean)));
        }

        double mu() {
            double s = sigma();
            return Math.log(mean) - s * s / 2.0;
        }

        @Override
        public double sample(RandomGenerator random) {
            return Math.exp(mu() + sigma() * random.nextGaussian());
        }

        @Override
        public double cdf(double x) {
            return x <= 0 ? 0.0 : normalCdf((Math.log(x) - mu()) / sigma());
        }

        @Override
        public String describe() {
            return "lognormal(" + format(mean) + "," + format(sd) + ")";
        }
    }

    /** Gamma given by its mean and standard deviation (shape = (mean/sd)^2). */
    record Gamma(double mean, double sd) implements Distribution {
        public Gamma {
            requirePositive(mean, "mean");
            requirePositive(sd, "sd");
        }

        double shape() {
            return (mean / sd) * (mean / sd);
        }

        double scale() {
            return sd * sd / mean;
        }

        @Override
        public double sample(RandomGenerator random) {
            return scale() * standardGamma(shape(), random);
        }

        @Override
        public double cdf(double x) {
            return x <= 0 ? 0.0 : regularisedLowerGamma(shape(), x / scale());
        }

        @Override
        public String describe() {
            return "gamma(" + format(mean) + "," + format(sd) + ")";
        }
    }

    /** Never: a caller with this patience waits for ever. */
    record Never() implements Distribution {
        @Override
        public double sample(RandomGenerator random) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double mean() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double cdf(double x) {
            return 0.0;
        }

        @Override
        public String describe() {
            return "never";
        }
    }

    static Distribution fixed(double value) {
        return new Fixed(value);
    }

    static Distribution exponential(double mean) {
        return new Exponential(mean);
    }

    static Distribution lognormal(double mean, double sd) {
        return new LogNormal(mean, sd);
    }

    static Distribution gamma(double mean, double sd) {
        return new Gamma(mean, sd);
    }

    static Distribution never() {
        return new Never();
    }

    /** Reads {@code fixed(20)}, {@code exp(300)}, {@code lognormal(480,240)}, {@code gamma(480,240)}, {@code never}. */
    static Distribution parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.equals("never") || t.equals("infinite")) {
            return never();
        }
        int open = t.indexOf('(');
        if (open <= 0 || !t.endsWith(")")) {
            try {
                return fixed(Double.parseDouble(t)); // a bare number is a fixed value
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a distribution: '" + text
                        + "' (fixed(s), exp(mean), lognormal(mean,sd), gamma(mean,sd) or never)");
            }
        }
        String name = t.substring(0, open);
        String[] args = t.substring(open + 1, t.length() - 1).split(",");
        double[] values = new double[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = Double.parseDouble(args[i]);
        }
        return switch (name) {
            case "fixed" -> {
                requireArgs(text, values, 1);
                yield fixed(values[0]);
            }
            case "exp", "exponential" -> {
                requireArgs(text, values, 1);
                yield exponential(values[0]);
            }
            case "lognormal", "lognorm" -> {
                requireArgs(text, values, 2);
                yield lognormal(values[0], values[1]);
            }
            case "gamma" -> {
                requireArgs(text, values, 2);
                yield gamma(values[0], values[1]);
            }
            default -> throw new IllegalArgumentException("unknown distribution '" + name + "' in '" + text + "'");
        };
    }

    private static void requireArgs(String text, double[] values, int count) {
        if (values.length != count) {
            throw new IllegalArgumentException("'" + text + "' needs " + count + " argument(s)");
        }
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number: " + value);
        }
    }

    private static void requireNonNegative(double value, String what) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be zero or more: " + value);
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26 through erf; absolute error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2.0);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double erf = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1.0 + erf) : 0.5 * (1.0 - erf);
    }

    /** Marsaglia and Tsang's method; shape below 1 through the boost x * U^(1/shape). */
    private static double standardGamma(double shape, RandomGenerator random) {
        if (shape < 1.0) {
            return standardGamma(shape + 1.0, random) * Math.pow(1.0 - random.nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** P(a, x) by its series (x below a+1) or continued fraction (Numerical Recipes 6.2). */
    private static double regularisedLowerGamma(double a, double x) {
        double gln = logGamma(a);
        if (x < a + 1.0) {
            double ap = a;
            double sum = 1.0 / a;
            double del = sum;
            for (int n = 0; n < 1000; n++) {
                ap += 1.0;
                del *= x / ap;
                sum += del;
                if (Math.abs(del) < Math.abs(sum) * 1e-15) {
                    break;
                }
            }
            return sum * Math.exp(-x + a * Math.log(x) - gln);
        }
        double b = x + 1.0 - a;
        double c = 1.0 / 1e-300;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < 1000; i++) {
            double an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            d = Math.abs(d) < 1e-300 ? 1e-300 : d;
            c = b + an / c;
            c = Math.abs(c) < 1e-300 ? 1e-300 : c;
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1.0) < 1e-15) {
                break;
            }
        }
        return 1.0 - Math.exp(-x + a * Math.log(x) - gln) * h;
    }

    /** Lanczos approximation. */
    private static double logGamma(double x) {
        double[] cof = {76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
            0.1208650973866179e-2, -0.5395239384953e-5};
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double ser = 1.000000000190015;
        for (double c : cof) {
            ser += c / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * ser / x);
    }
}
