package io.switchboard.triage.pathway;

import io.switchboard.events.Disposition;
import java.util.Set;

/**
 * One disposition of the catalogue ({@code pathways/dispositions.yaml}): the end point a pathway can reach.
 *
 * @param code             Dx code from the public reference, or a project-defined code starting with SB
 * @param alias            the readable name of a project-defined code (e.g. SB-AMB-C1 for SBAMBC1), else null
 * @param name             what the caller is told
 * @param timeframeMinutes how soon care is needed; 0 = immediately
 * @param careSetting      lower-case-dash kind of care (emergency-ambulance, primary-care, pharmacy...)
 * @param group            reporting group: ambulance, a-and-e, primary-care, other-service, self-care
 * @param action           what else reaching it does (transfer the call to a clinician now), or NONE
 * @param basis            where the timeframe comes from (the reference, or a documented project choice)
 */
public record DispositionEntry(String code, String alias, String name, int timeframeMinutes, String careSetting,
        String group, Action action, String basis) {

    /** The reporting groups of the triage.outcomes.v1 schema. */
    public static final Set<String> GROUPS = Set.of("ambulance", "a-and-e", "primary-care", "other-service", "self-care");
    /** Groups a red-flag exit may lead to. */
    public static final Set<String> EMERGENCY_GROUPS = Set.of("ambulance", "a-and-e");

    public enum Action {
        NONE,
        /** Reaching this disposition asks the PBX (routing.commands.v1 transfer-call) to warm-transfer the call. */
        TRANSFER_TO_CLINICIAN
    }

    public boolean isEmergency() {
        return EMERGENCY_GROUPS.contains(group);
    }

    public boolean transfersToClinician() {
        return action == Action.TRANSFER_TO_CLINICIAN;
    }

    /** As it travels on triage.outcomes.v1. */
    public Disposition toEvent() {
        return new Disposition(code, name, timeframeMinutes, careSetting, group);
    }
}
