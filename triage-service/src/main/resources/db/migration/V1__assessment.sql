-- triage-service: assessments, their audit trail, the outbox of events to publish, and the idempotent-consumer inbox.

-- One assessment of one call on one pathway version. Its state (the answers on the current route) is kept here so the
-- service can restart, or another instance carry on, mid-assessment.
CREATE TABLE assessment (
    id                UUID         PRIMARY KEY,
    call_id           VARCHAR(128) NOT NULL,
    pathway_id        VARCHAR(63)  NOT NULL,
    pathway_version   INTEGER      NOT NULL,
    pathway_sha256    VARCHAR(64)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,  -- in-progress, disposition-reached, incomplete
    answers           JSONB        NOT NULL,  -- [{"questionId":..,"answerId":..}] on the current route
    current_node      VARCHAR(64)  NOT NULL,
    age_years         INTEGER      NOT NULL,
    sex               VARCHAR(16)  NOT NULL,
    postcode          VARCHAR(8),
    latitude          DOUBLE PRECISION,
    longitude         DOUBLE PRECISION,
    started_at        TIMESTAMPTZ  NOT NULL,
    started_by        VARCHAR(200) NOT NULL,  -- staff user id (token upn/sub): for clinical governance, never on a topic
    last_handler      VARCHAR(200) NOT NULL,
    finished_at       TIMESTAMPTZ,
    finished_by       VARCHAR(200),
    end_node          VARCHAR(64),
    disposition_code  VARCHAR(20),
    disposition       JSONB,                  -- the disposition as reached, as it went on triage.outcomes.v1
    incomplete_reason VARCHAR(64),
    next_step         INTEGER      NOT NULL,  -- sequence number of the next audit step
    CONSTRAINT assessment_status CHECK (status IN ('in-progress', 'disposition-reached', 'incomplete')),
    CONSTRAINT assessment_finished CHECK (
        (status = 'in-progress' AND finished_at IS NULL)
        OR (status = 'disposition-reached' AND finished_at IS NOT NULL AND disposition_code IS NOT NULL)
        OR (status = 'incomplete' AND finished_at IS NOT NULL AND incomplete_reason IS NOT NULL))
);
-- At most one open assessment per call.
CREATE UNIQUE INDEX assessment_one_open_per_call ON assessment (call_id) WHERE status = 'in-progress';
CREATE INDEX assessment_by_call ON assessment (call_id, started_at);

-- The audit trail: every step of every assessment, append-only (see the trigger below).
CREATE TABLE assessment_step (
    assessment_id    UUID         NOT NULL REFERENCES assessment (id),
    seq              INTEGER      NOT NULL,
    kind             VARCHAR(32)  NOT NULL,  -- started, question-shown, answered, went-back, disposition-shown, finished, closed
    node_id          VARCHAR(64),
    node_text        TEXT,                   -- the question (or disposition) as shown
    answer_id        VARCHAR(64),
    answer_text      TEXT,
    red_flag         BOOLEAN      NOT NULL DEFAULT FALSE,
    disposition_code VARCHAR(20),
    detail           TEXT,
    pathway_id       VARCHAR(63)  NOT NULL,
    pathway_version  INTEGER      NOT NULL,
    actor            VARCHAR(200) NOT NULL,  -- staff user id, or system:<what> for steps the service takes itself
    at               TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (assessment_id, seq)
);

CREATE FUNCTION assessment_step_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'assessment_step is an audit trail: rows are never updated or deleted';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER assessment_step_append_only BEFORE UPDATE OR DELETE ON assessment_step
    FOR EACH ROW EXECUTE FUNCTION assessment_step_is_append_only();

-- Transactional outbox: events are written in the same transaction as the state they report, then published.
CREATE TABLE outbox_event (
    event_id     VARCHAR(200) PRIMARY KEY,
    topic        VARCHAR(100) NOT NULL,
    record_key   VARCHAR(200) NOT NULL,
    ce_type      VARCHAR(200) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    payload      BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;

-- Idempotent consumers: one row per (consumer, event id) already handled, so a redelivered event is skipped.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(200) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);

-- Calls known to be over (ended or abandoned), so that no assessment is started for them afterwards.
CREATE TABLE closed_call (
    call_id     VARCHAR(128) PRIMARY KEY,
    step        VARCHAR(32)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX closed_call_recorded_at ON closed_call (recorded_at);
