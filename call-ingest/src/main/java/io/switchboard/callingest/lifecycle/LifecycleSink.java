package io.switchboard.callingest.lifecycle;

import io.switchboard.events.AgentStateEvent;
import io.switchboard.events.CallLifecycleEvent;

/** Where the trackers put the events they derive, in the order the PBX caused them. */
public interface LifecycleSink {

    void call(CallLifecycleEvent event);

    void agent(AgentStateEvent event);
}
