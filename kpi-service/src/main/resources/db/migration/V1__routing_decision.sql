-- The audit trail of contingency routing: every decision (the policy's and operators'), with its reason, the
-- figures behind it and what the PBX reported doing. Rows are written idempotently from routing.commands.v1 and
-- routing.state.v1, so the trail is complete whoever issued the command.
CREATE TABLE routing_decision (
    command_id      VARCHAR(64)  PRIMARY KEY,
    region          VARCHAR(100) NOT NULL,
    kind            VARCHAR(40)  NOT NULL,
    issued_by       VARCHAR(200) NOT NULL,
    pinned          BOOLEAN      NOT NULL,
    reason          TEXT         NOT NULL,
    figures         JSONB,
    issued_at       TIMESTAMPTZ  NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    pbx_result      VARCHAR(40),
    pbx_detail      TEXT,
    pbx_id          VARCHAR(64),
    pbx_observed_at TIMESTAMPTZ
);
CREATE INDEX routing_decision_region_time ON routing_decision (region, issued_at DESC);
