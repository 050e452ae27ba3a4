package io.switchboard.simulator.handlers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The share of assessments that should end in each disposition group. Groups are triage-service's (ambulance,
 * a-and-e, primary-care, other-service, self-care) plus {@value #CLINICIAN}: the transfer-to-clinician
 * dispositions, which the PBX carries out as a transfer to the clinician queue.
 */
public record DispositionMix(Map<String, Double> shares) {

    public static final String CLINICIAN = "clinician";

    /**
     * Roughly the NHS 111 Minimum Data Set mix: about 11% ambulance, 9% A&E, over 60% primary care, the rest other
     * services, clinician call-backs and self care.
     */
    public static DispositionMix nhs111() {
        return parse("ambulance:0.11,a-and-e:0.09,primary-care:0.62,other-service:0.08,clinician:0.05,self-care:0.05");
    }

    /** {@code group:share,...}; shares are normalised, so they need not add up to one. */
    public static DispositionMix parse(String text) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("write the mix as group:share,... not " + text);
            }
            double share = Double.parseDouble(kv[1].trim());
            if (share < 0) {
                throw new IllegalArgumentException("a share cannot be negative: " + part);
            }
            shares.put(kv[0].trim(), share);
        }
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            throw new IllegalArgumentException("the mix needs at least one positive share: " + text);
        }
        shares.replaceAll((k, v) -> v / total);
        return new DispositionMix(Map.copyOf(shares));
    }

    /** Draws a group by the shares, in a fixed order so the same draws give the same groups. */
    String draw(Random random) {
        double u = random.nextDouble();
        String last = null;
        for (String group : shares.keySet().stream().sorted().toList()) {
            last = group;
            u -= shares.get(group);
            if (u < 0) {
                return group;
            }
        }
        return last;
    }
}
