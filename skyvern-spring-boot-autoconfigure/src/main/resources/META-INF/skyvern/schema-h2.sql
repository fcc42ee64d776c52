-- Shared state of the Skyvern starter (skyvern.store.type=jdbc) on h2. ${prefix} is
-- skyvern.store.jdbc.table-prefix. Times are epoch milliseconds of the instances' clocks.

-- One row per delivery (run id and status): C = claimed until EXPIRES_AT (the lease), P = processed
-- (remembered until EXPIRES_AT, the duplicate window), R = released (claimable again).
CREATE TABLE IF NOT EXISTS ${prefix}DELIVERY (
	DELIVERY_KEY VARCHAR(300) NOT NULL,
	RUN_ID VARCHAR(256) NOT NULL,
	STATE CHAR(1) NOT NULL,
	OWNER VARCHAR(64) NOT NULL,
	EXPIRES_AT BIGINT NOT NULL,
	PRIMARY KEY (DELIVERY_KEY)
);
CREATE INDEX IF NOT EXISTS ${prefix}DELIVERY_RUN_IX ON ${prefix}DELIVERY (RUN_ID);
CREATE INDEX IF NOT EXISTS ${prefix}DELIVERY_EXPIRES_IX ON ${prefix}DELIVERY (EXPIRES_AT);

-- Runs started by this application whose run-finished event is not published yet.
CREATE TABLE IF NOT EXISTS ${prefix}RUN (
	RUN_ID VARCHAR(256) NOT NULL,
	STARTED_AT BIGINT NOT NULL,
	PRIMARY KEY (RUN_ID)
);
CREATE INDEX IF NOT EXISTS ${prefix}RUN_STARTED_IX ON ${prefix}RUN (STARTED_AT);

-- Leases: one instance at a time does the job named NAME until EXPIRES_AT.
CREATE TABLE IF NOT EXISTS ${prefix}LEASE (
	NAME VARCHAR(64) NOT NULL,
	OWNER VARCHAR(64) NOT NULL,
	EXPIRES_AT BIGINT NOT NULL,
	PRIMARY KEY (NAME)
);

-- Runs whose final webhook reached some instance, as JSON (empty when too large), kept until
-- EXPIRES_AT so that waits on every instance finish without asking Skyvern.
CREATE TABLE IF NOT EXISTS ${prefix}FINISHED (
	RUN_ID VARCHAR(256) NOT NULL,
	RUN_JSON CLOB NOT NULL,
	EXPIRES_AT BIGINT NOT NULL,
	PRIMARY KEY (RUN_ID)
);
CREATE INDEX IF NOT EXISTS ${prefix}FINISHED_EXPIRES_IX ON ${prefix}FINISHED (EXPIRES_AT);
