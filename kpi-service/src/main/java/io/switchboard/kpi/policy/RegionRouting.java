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
    /** True while an operator's pin holds the state; automatic decisions are suspended. */
    public boolean pinned;
    public String pinnedBy;
}
