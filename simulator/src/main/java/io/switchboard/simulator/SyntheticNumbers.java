package io.switchboard.simulator;

import java.util.List;

/**
 * Caller numbers that can never be real: Ofcom reserves these UK ranges, 1,000 numbers each, for use in drama
 * (TV, radio, film) and says they will never be allocated to a line. The n-th caller gets the n-th number, cycling
 * through every range before reusing one, so a week of calls has repeat callers as a real service does.
 */
final class SyntheticNumbers {

    /** Each prefix is followed by three digits 000-999. */
    static final List<String> PREFIXES = List.of(
            "0161496 0", // Manchester
            "0151496 0", // Liverpool
            "0113496 0", // Leeds
            "0114496 0", // Sheffield
            "0115496 0", // Nottingham
            "0116496 0", // Leicester
            "0117496 0", // Bristol
            "0118496 0", // Reading
            "0121496 0", // Birmingham
            "0131496 0", // Edinburgh
            "0141496 0", // Glasgow
            "0191498 0", // Tyneside
            "020 7946 0", // London
            "01632 960", // no area: the "drama" code
            "07700 900"); // mobile

    private SyntheticNumbers() {
    }

    /** The n-th synthetic number (n from 0), digits only, e.g. 01614960000. */
    static String number(long n) {
        int range = (int) (n % PREFIXES.size());
        long within = (n / PREFIXES.size()) % 1000;
        String prefix = PREFIXES.get(range).replace(" ", "");
        return prefix + String.format("%03d", within);
    }
}
