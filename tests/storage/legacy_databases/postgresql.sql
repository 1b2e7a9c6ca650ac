-- Made by the first release's storage code (create_schema), compiled for PostgreSQL, before Alembic.
CREATE TABLE complaints (
	id SERIAL NOT NULL, 
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
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	CONSTRAINT pk_complaints PRIMARY KEY (id), 
	CONSTRAINT uq_complaints_reference_code UNIQUE (reference_code), 
	CONSTRAINT ck_complaints_kind CHECK (kind IN ('slow', 'evasive', 'attitude', 'other')), 
	CONSTRAINT ck_complaints_status CHECK (status IN ('new', 'assigned', 'resolved', 'closed'))
);
CREATE INDEX ix_complaints_sender_id ON complaints (sender_id);
CREATE TABLE feedback (
	id SERIAL NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	rating SMALLINT NOT NULL, 
	comment TEXT, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	CONSTRAINT pk_feedback PRIMARY KEY (id), 
	CONSTRAINT ck_feedback_rating_range CHECK (rating BETWEEN 1 AND 5)
);
CREATE INDEX ix_feedback_sender_id ON feedback (sender_id);
CREATE TABLE handoffs (
	id SERIAL NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	reason VARCHAR(32) NOT NULL, 
	last_message TEXT, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	resolved BOOLEAN NOT NULL, 
	CONSTRAINT pk_handoffs PRIMARY KEY (id), 
	CONSTRAINT ck_handoffs_reason CHECK (reason IN ('requested', 'repeated_failure'))
);
CREATE INDEX ix_handoffs_resolved ON handoffs (resolved);
CREATE INDEX ix_handoffs_sender_id ON handoffs (sender_id);
INSERT INTO complaints (id, reference_code, kind, procedure_code, procedure_name, dossier_code, agency, submitted_on, promised_on, description, citizen_name, phone, contact_consent, sender_id, channel, status, last_update, answer_due, created_at, updated_at) VALUES (1, 'PA-K9YYUF', 'evasive', '1.001193', 'Đăng ký khai sinh', '000.00.12.H57-241115-0001', 'UBND phường Tân Ninh', '2026-11-02', '2026-11-05', 'Hỏi nhiều lần không ai trả lời.', 'Trần Văn Bình', '0912345678', true, 'web-legacy', 'rest', 'assigned', 'Đã chuyển Phòng Tư pháp.', '2026-12-15', '2026-12-01 11:14:18.593581+00:00', '2026-12-01 11:14:18.613228+00:00');
INSERT INTO complaints (id, reference_code, kind, procedure_code, procedure_name, dossier_code, agency, submitted_on, promised_on, description, citizen_name, phone, contact_consent, sender_id, channel, status, last_update, answer_due, created_at, updated_at) VALUES (2, 'PA-C99P5X', 'slow', '1.001193', 'Đăng ký khai sinh', '000.00.12.H57-241115-0001', 'UBND phường Tân Ninh', '2026-11-02', '2026-11-05', 'Hỏi nhiều lần không ai trả lời.', 'Trần Văn Bình', '0912345678', true, 'web-legacy', 'rest', 'new', NULL, '2026-12-15', '2026-12-01 11:14:18.629392+00:00', '2026-12-01 11:14:18.629392+00:00');
INSERT INTO feedback (id, sender_id, rating, comment, created_at) VALUES (1, 'web-legacy', 4, 'Tốt', '2026-12-01 11:14:18.641279+00:00');
INSERT INTO handoffs (id, sender_id, reason, last_message, created_at, resolved) VALUES (1, 'web-legacy', 'requested', 'gặp nhân viên', '2026-12-01 11:14:18.651396+00:00', false);
SELECT setval(pg_get_serial_sequence('complaints', 'id'), (SELECT max(id) FROM complaints));
SELECT setval(pg_get_serial_sequence('feedback', 'id'), (SELECT max(id) FROM feedback));
SELECT setval(pg_get_serial_sequence('handoffs', 'id'), (SELECT max(id) FROM handoffs));
