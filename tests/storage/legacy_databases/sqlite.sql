-- Made by the first release's storage code (create_schema + stores), before Alembic.
BEGIN TRANSACTION;
CREATE TABLE complaints (
	id INTEGER NOT NULL, 
	reference_code VARCHAR(9) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	procedure_code VARCHAR(255), 
	procedure_name VARCHAR(255), 
	dossier_code VARCHAR(255), 
	agency VARCHAR(255) NOT NULL, 
	submitted_on DATE, 
	promised_on DATE, 
	description TEXT NOT NULL, 
	citizen_name VARCHAR(255) NOT NULL, 
	phone VARCHAR(10) NOT NULL, 
	contact_consent BOOLEAN NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	channel VARCHAR(255) NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	last_update TEXT, 
	answer_due DATE NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_complaints PRIMARY KEY (id), 
	CONSTRAINT uq_complaints_reference_code UNIQUE (reference_code), 
	CONSTRAINT ck_complaints_kind CHECK (kind IN ('slow', 'evasive', 'attitude', 'other')), 
	CONSTRAINT ck_complaints_status CHECK (status IN ('new', 'assigned', 'resolved', 'closed'))
);
INSERT INTO "complaints" VALUES(1,'PA-K9YYUF','evasive','1.001193','Đăng ký khai sinh','000.00.12.H57-241115-0001','UBND phường Tân Ninh','2026-11-02','2026-11-05','Hỏi nhiều lần không ai trả lời.','Trần Văn Bình','0912345678',1,'web-legacy','rest','assigned','Đã chuyển Phòng Tư pháp.','2026-12-15','2026-12-01 11:14:18.593581','2026-12-01 11:14:18.613228');
INSERT INTO "complaints" VALUES(2,'PA-C99P5X','slow','1.001193','Đăng ký khai sinh','000.00.12.H57-241115-0001','UBND phường Tân Ninh','2026-11-02','2026-11-05','Hỏi nhiều lần không ai trả lời.','Trần Văn Bình','0912345678',1,'web-legacy','rest','new',NULL,'2026-12-15','2026-12-01 11:14:18.629392','2026-12-01 11:14:18.629392');
CREATE TABLE feedback (
	id INTEGER NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	rating SMALLINT NOT NULL, 
	comment TEXT, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_feedback PRIMARY KEY (id), 
	CONSTRAINT ck_feedback_rating_range CHECK (rating BETWEEN 1 AND 5)
);
INSERT INTO "feedback" VALUES(1,'web-legacy',4,'Tốt','2026-12-01 11:14:18.641279');
CREATE TABLE handoffs (
	id INTEGER NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	reason VARCHAR(32) NOT NULL, 
	last_message TEXT, 
	created_at DATETIME NOT NULL, 
	resolved BOOLEAN NOT NULL, 
	CONSTRAINT pk_handoffs PRIMARY KEY (id), 
	CONSTRAINT ck_handoffs_reason CHECK (reason IN ('requested', 'repeated_failure'))
);
INSERT INTO "handoffs" VALUES(1,'web-legacy','requested','gặp nhân viên','2026-12-01 11:14:18.651396',0);
CREATE INDEX ix_complaints_sender_id ON complaints (sender_id);
CREATE INDEX ix_feedback_sender_id ON feedback (sender_id);
CREATE INDEX ix_handoffs_resolved ON handoffs (resolved);
CREATE INDEX ix_handoffs_sender_id ON handoffs (sender_id);
COMMIT;
