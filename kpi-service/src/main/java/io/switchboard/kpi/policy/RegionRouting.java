package io.switchboard.kpi.policy;

/**
 * The routing state of one region as kpi-service decided it: engaged or not, since when, and how many decisions it
 * has made (used to derive each decision's command id). Kept in a changelogged state store, so a restart recovers it.
 */
public final class RegionRouting {

    public boolean engaged;
    public long sinceMillis;
    public long decisions;
    public String lastCommandId;
    public String lastReason;
    /** How long the current engagement is held at least; 0 in state written before hold-downs could grow. */
    public long holdDownMillis;
    /** When the policy last released the region; 0 if it never has. */
    public long releasedAtMillis;
    /** True while an operator's pin holds the state; automatic decisions are suspended. */
    public boolean pinned;
    public String pinnedBy;

    /** Takes the policy's decision as the region's new state. */
    public void record(Decision d, long nowMillis) {
        engaged = d.engage();
        sinceMillis = nowMillis;
        decisions++;
        lastReason = d.reason();
        if (d.engage()) {
            holdDownMillis = d.holdDown().toMillis();
        } else {
            releasedAtMillis = nowMillis;
        }
    }
}
