namespace Amparo.Web.Storage;

internal static class Schema
{
    /// <summary>
    /// Webhook deliveries still to make, written in the same transaction as their alert, so a restart resumes
    /// them instead of losing them. <c>due</c> is Unix milliseconds.
    /// </summary>
    public const string V3 = """
        CREATE TABLE webhook_outbox(
            webhook_id TEXT NOT NULL REFERENCES webhooks(id),
            alert_id TEXT NOT NULL REFERENCES alerts(id),
            attempts INTEGER NOT NULL,
            due INTEGER NOT NULL,
            PRIMARY KEY(webhook_id, alert_id));
        CREATE INDEX webhook_outbox_due ON webhook_outbox(due);
        """;

    /// <summary>Cases live in the evidence vault; the dashboard keeps the link and who owns it.</summary>
    public const string V2 = """
        ALTER TABLE cases ADD COLUMN vault_case_id TEXT;
        ALTER TABLE case_files ADD COLUMN md5 TEXT;
        """;

    public const string V1 = """
        CREATE TABLE users(
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'en',
            created TEXT NOT NULL);

        CREATE TABLE api_keys(
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL REFERENCES users(id),
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            revoked TEXT);

        CREATE TABLE cases(
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL REFERENCES users(id),
            title TEXT NOT NULL,
            created TEXT NOT NULL);
        CREATE INDEX cases_owner ON cases(owner_id);

        CREATE TABLE case_files(
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            file_name TEXT NOT NULL,
            media_type TEXT,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added TEXT NOT NULL,
            note TEXT);
        CREATE INDEX case_files_case ON case_files(case_id);

        CREATE TABLE conversations(
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            file_id TEXT NOT NULL REFERENCES case_files(id),
            source_id TEXT NOT NULL,
            title TEXT,
            source TEXT NOT NULL,
            message_count INTEGER NOT NULL,
            analyzed INTEGER NOT NULL,
            risk REAL,
            level TEXT,
            alert INTEGER,
            suspect TEXT,
            first_alert INTEGER,
            body TEXT NOT NULL,
            analysis TEXT,
            created TEXT NOT NULL);
        CREATE INDEX conversations_case ON conversations(case_id);

        CREATE TABLE activity(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            time TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id TEXT,
            detail TEXT NOT NULL);
        CREATE INDEX activity_case ON activity(case_id);

        CREATE TABLE alerts(
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL,
            api_key_id TEXT,
            conversation_id TEXT NOT NULL,
            message_index INTEGER NOT NULL,
            risk REAL NOT NULL,
            level TEXT NOT NULL,
            suspect TEXT,
            indicators TEXT NOT NULL,
            created TEXT NOT NULL);
        CREATE INDEX alerts_owner ON alerts(owner_id, created);

        CREATE TABLE webhooks(
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL REFERENCES users(id),
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            created TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1);

        CREATE TABLE webhook_deliveries(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            webhook_id TEXT NOT NULL REFERENCES webhooks(id),
            alert_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            time TEXT NOT NULL,
            status INTEGER,
            outcome TEXT NOT NULL,
            error TEXT);
        CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id);
        """;
}
