package io.switchboard.kpi.streams;

/** What the topology counts for operators (late, duplicate and unreadable events; decisions). */
public interface PipelineCounters {

    PipelineCounters NONE = new PipelineCounters() {
    };

    default void late() {
    }

    default void duplicate() {
    }

    default void unreadable() {
    }

    default void decision(String region, boolean engage) {
    }
}
