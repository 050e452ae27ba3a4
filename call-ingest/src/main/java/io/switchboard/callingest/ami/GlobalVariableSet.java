package io.switchboard.callingest.ami;

import java.time.Instant;

/** The PBX set a global dialplan variable (VarSet with Channel "none"), e.g. the contingency switch. */
public record GlobalVariableSet(String name, String value, Instant at) {
}
