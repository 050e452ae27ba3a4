-- What GET /reconciliation needs to match every offered call with its lifecycle end, its triage outcomes and its one
-- call outcome (docs/directory.md, "Reconciliation"). Counters are NULL on rows written before this migration: what
-- they would have counted is not known, and reconciliation says so rather than guess.
ALTER TABLE call_state
    -- the 'offered' step itself was read (offered_at is the earliest lifecycle time, whichever step carried it)
    ADD COLUMN offered_seen         BOOLEAN,
    -- distinct calls.lifecycle.v1 events read, and the highest sequence among them: fewer events than the highest
    -- sequence means some never arrived
    ADD COLUMN lifecycle_events     INTEGER,
    ADD COLUMN max_sequence         INTEGER,
    -- distinct triage.outcomes.v1 events read, and those read after the call's outcome was decided (the outcome does
    -- not reflect them)
    ADD COLUMN triage_outcomes      INTEGER,
    ADD COLUMN late_triage_outcomes INTEGER,
    ADD COLUMN last_late_triage_at  TIMESTAMPTZ,
    ADD COLUMN last_late_triage_status VARCHAR(40);

-- The reconciliation period: when the call was offered, or, for a triage outcome whose call never appeared on
-- calls.lifecycle.v1, when triage finished.
CREATE INDEX call_state_period ON call_state ((COALESCE(offered_at, last_triage_finished_at, first_seen_at)));

-- calls.outcomes.v1 as read back from Kafka (consumer group directory-service-readback): proof that each outcome
-- reached the topic, and the only place a second, different outcome for a call could show.
CREATE TABLE outcome_on_topic (
    topic_partition INTEGER      NOT NULL,
    topic_offset    BIGINT       NOT NULL,
    call_id         VARCHAR(200) NOT NULL,
    event_id        VARCHAR(250) NOT NULL,
    result          VARCHAR(40)  NOT NULL,
    offered_at      TIMESTAMPTZ  NOT NULL,
    decided_at      TIMESTAMPTZ  NOT NULL,
    -- SHA-256 of the record's value: a redelivery is byte for byte the same, a different outcome is not
    payload_sha256  CHAR(64)     NOT NULL,
    read_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (topic_partition, topic_offset)
);
CREATE INDEX outcome_on_topic_call ON outcome_on_topic (call_id);
CREATE INDEX outcome_on_topic_offered ON outcome_on_topic (offered_at);
CREATE INDEX outcome_on_topic_read_at ON outcome_on_topic (read_at);
