package io.switchboard.simulator;

/** One Asterisk channel as its snapshot appears in events; mutable as the call moves through the dialplan. */
final class Chan {

    final String name;
    final String uniqueid;
    final String linkedid;
    final double createdAt;
    int state;
    String callerNum;
    String callerName;
    String connectedNum = "<unknown>";
    String connectedName = "<unknown>";
    String context;
    String exten;
    int priority = 1;
    /** Whether this channel has been bridged to a handler once (its connected line then follows the bridge). */
    boolean bridgedOnce;
    boolean up;
    boolean hungUp;

    Chan(String name, String uniqueid, String linkedid, double createdAt, int state, String callerNum,
            String callerName, String context, String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.createdAt = createdAt;
        this.state = state;
        this.callerNum = callerNum;
        this.callerName = callerName;
        this.context = context;
        this.exten = exten;
    }

    Chan at(String context, String exten, int priority) {
        this.context = context;
        this.exten = exten;
        this.priority = priority;
        return this;
    }

    void connectTo(Chan other) {
        connectedNum = other.callerNum;
        connectedName = other.callerName;
    }

    static String stateDesc(int state) {
        return switch (state) {
            case 0 -> "Down";
            case 4 -> "Ring";
            case 5 -> "Ringing";
            case 6 -> "Up";
            default -> "Unknown";
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
