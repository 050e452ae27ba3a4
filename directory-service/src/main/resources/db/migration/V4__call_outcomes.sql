-- What directory-service knows of each call, from calls.lifecycle.v1 and triage.outcomes.v1, until its one outcome
-- on calls.outcomes.v1 is decided (docs/directory.md, "When an outcome is published").
CREATE TABLE call_state (
    call_id                VARCHAR(200) PRIMARY KEY,
    provider               VARCHAR(100),
    region                 VARCHAR(100),
    offered_at             TIMESTAMPTZ,
    answered_at            TIMESTAMPTZ,
    caller_token           VARCHAR(100),
    abandoned              BOOLEAN      NOT NULL DEFAULT FALSE,
    contingency            BOOLEAN      NOT NULL DEFAULT FALSE,
    ended_at               TIMESTAMPTZ,
    end_reason             VARCHAR(100),
    -- when this service read the 'ended' event: the settle period runs from here, not from the PBX's time
    ended_seen_at          TIMESTAMPTZ,
    -- the latest assessment of the call (any status), and the latest that reached a disposition (JSON payloads)
    last_triage_finished_at TIMESTAMPTZ,
    last_triage_status     VARCHAR(40),
    last_disposition_triage TEXT,
    first_seen_at          TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    decided_at             TIMESTAMPTZ
);
-- The sweeper's two questions, each answered from a small partial index: ended and settled; never ended, too old.
CREATE INDEX call_state_undecided_ended ON call_state (ended_seen_at) WHERE decided_at IS NULL;
CREATE INDEX call_state_undecided_first_seen ON call_state (first_seen_at) WHERE decided_at IS NULL;
CREATE INDEX call_state_first_seen ON call_state (first_seen_at);

-- The outbox: the one outcome of each call, published to calls.outcomes.v1 exactly as stored (same eventId, same
-- bytes) until Kafka acknowledged it. The primary key is the "exactly one outcome per call" guarantee.
CREATE TABLE call_outcome (
    call_id      VARCHAR(200) PRIMARY KEY,
    event_id     VARCHAR(250) NOT NULL UNIQUE,
    result       VARCHAR(40)  NOT NULL,
    payload      TEXT         NOT NULL,
    decided_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX call_outcome_unpublished ON call_outcome (decided_at) WHERE published_at IS NULL;
