#include "core/store/StoreMigrations.h"

namespace otadesk::store {

namespace {
MigrationStep both(const char *sql)
{
    return {QString::fromLatin1(sql), std::nullopt};
}
MigrationStep only(Dialect d, const char *sql)
{
    return {QString::fromLatin1(sql), d};
}

Migration schemaV1()
{
    return {1,
            {
                both("CREATE TABLE tenants ("
                     " id {{pk}},"
                     " name TEXT NOT NULL UNIQUE,"
                     " created_at BIGINT NOT NULL)"),
                both("CREATE TABLE accounts ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " name TEXT NOT NULL,"
                     " role TEXT NOT NULL CHECK (role IN ('admin', 'release-manager', 'author', 'technician',"
                     "  'viewer')),"
                     " created_at BIGINT NOT NULL,"
                     " UNIQUE (tenant_id, name),"
                     " UNIQUE (tenant_id, id))"),
                // A token's account must belong to the token's tenant: the composite key enforces it.
                both("CREATE TABLE api_tokens ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL,"
                     " account_id BIGINT NOT NULL,"
                     " prefix TEXT NOT NULL UNIQUE,"
                     " secret_sha256 TEXT NOT NULL,"
                     " label TEXT NOT NULL DEFAULT '',"
                     " created_at BIGINT NOT NULL,"
                     " expires_at BIGINT,"
                     " last_used_at BIGINT,"
                     " revoked INTEGER NOT NULL DEFAULT 0,"
                     " FOREIGN KEY (tenant_id, account_id) REFERENCES accounts(tenant_id, id))"),
                both("CREATE INDEX api_tokens_account ON api_tokens(tenant_id, account_id)"),
                both("CREATE TABLE audit_log ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " actor TEXT NOT NULL,"
                     " action TEXT NOT NULL,"
                     " object_type TEXT NOT NULL,"
                     " object_id TEXT NOT NULL,"
                     " details TEXT NOT NULL DEFAULT '{}',"
                     " at BIGINT NOT NULL)"),
                both("CREATE INDEX audit_log_tenant ON audit_log(tenant_id, id)"),
                only(Dialect::Sqlite, "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                                      " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"),
                only(Dialect::Sqlite, "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
                                      " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"),
                only(Dialect::Postgres,
                     "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS"
                     " $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"),
                only(Dialect::Postgres,
                     "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
                     " FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"),
                both("CREATE TABLE payloads ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " sha256 TEXT NOT NULL,"
                     " size BIGINT NOT NULL,"
                     " name TEXT NOT NULL,"
                     " created_at BIGINT NOT NULL,"
                     " UNIQUE (tenant_id, sha256))"),
                both("CREATE TABLE uploads ("
                     " id TEXT PRIMARY KEY,"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " expected_size BIGINT NOT NULL,"
                     " received_bytes BIGINT NOT NULL DEFAULT 0,"
                     " state TEXT NOT NULL CHECK (state IN ('open', 'finished', 'aborted')),"
                     " created_at BIGINT NOT NULL,"
                     " updated_at BIGINT NOT NULL)"),
                both("CREATE INDEX uploads_tenant ON uploads(tenant_id, state)"),
                both("CREATE TABLE manifests ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " product TEXT NOT NULL,"
                     " sequence_number BIGINT NOT NULL,"
                     " manifest_digest TEXT NOT NULL,"
                     " envelope_sha256 TEXT NOT NULL,"
                     " created_at BIGINT NOT NULL,"
                     " UNIQUE (tenant_id, product, sequence_number))"),
            }};
}

// The management API: server administrators, the tenant's SUIT verification keys, and what uploads, payloads
// and manifests need to be listed and audited (name, digest announced, who created them).
Migration schemaV2()
{
    return {2,
            {
                both("ALTER TABLE accounts ADD COLUMN server_admin INTEGER NOT NULL DEFAULT 0"),
                both("CREATE TABLE tenant_keys ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " name TEXT NOT NULL,"
                     " algorithm TEXT NOT NULL,"
                     " kid TEXT NOT NULL,"
                     " public_key_pem TEXT NOT NULL,"
                     " created_at BIGINT NOT NULL,"
                     " UNIQUE (tenant_id, kid))"),
                both("ALTER TABLE uploads ADD COLUMN name TEXT NOT NULL DEFAULT ''"),
                both("ALTER TABLE uploads ADD COLUMN expected_sha256 TEXT NOT NULL DEFAULT ''"),
                both("ALTER TABLE uploads ADD COLUMN payload_id BIGINT"),
                both("ALTER TABLE uploads ADD COLUMN created_by TEXT NOT NULL DEFAULT ''"),
                both("ALTER TABLE payloads ADD COLUMN created_by TEXT NOT NULL DEFAULT ''"),
                both("CREATE INDEX payloads_sha256 ON payloads(sha256)"),
                both("ALTER TABLE manifests ADD COLUMN size BIGINT NOT NULL DEFAULT 0"),
                both("ALTER TABLE manifests ADD COLUMN signer TEXT NOT NULL DEFAULT ''"),
                both("ALTER TABLE manifests ADD COLUMN created_by TEXT NOT NULL DEFAULT ''"),
            }};
}
// The fleet: devices with their production data, credentials (a device token or a certificate fingerprint),
// what they report at check-in (components, attributes), operator tags and metadata, groups, enrolment tokens
// for self-registration and a history of what changed. Text compared by filters is byte-wise (COLLATE "C" on
// PostgreSQL in the filter SQL); serial_key and version_key are written by the server so that natural and
// version order are plain text order.
Migration schemaV3()
{
    return {3,
            {
                both("CREATE TABLE devices ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " serial TEXT NOT NULL,"
                     " serial_key TEXT NOT NULL,"
                     " model TEXT NOT NULL DEFAULT '',"
                     " hw_rev TEXT NOT NULL DEFAULT '',"
                     " batch TEXT NOT NULL DEFAULT '',"
                     " year INTEGER NOT NULL DEFAULT 0,"
                     " vendor_id TEXT NOT NULL DEFAULT '',"
                     " class_id TEXT NOT NULL DEFAULT '',"
                     " status TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('pending', 'accepted', 'rejected')),"
                     " update_state TEXT NOT NULL DEFAULT 'idle',"
                     " address TEXT NOT NULL DEFAULT '',"
                     " wake_schedule TEXT NOT NULL DEFAULT '',"
                     " first_seen BIGINT NOT NULL DEFAULT 0,"
                     " last_seen BIGINT NOT NULL DEFAULT 0,"
                     " created_at BIGINT NOT NULL,"
                     " token_prefix TEXT UNIQUE,"
                     " token_sha256 TEXT,"
                     " cert_fingerprint TEXT,"
                     " report_sha256 TEXT NOT NULL DEFAULT '',"
                     " checkins BIGINT NOT NULL DEFAULT 0,"
                     " UNIQUE (tenant_id, serial),"
                     " UNIQUE (tenant_id, id))"),
                both("CREATE INDEX devices_model ON devices(tenant_id, model)"),
                both("CREATE INDEX devices_batch ON devices(tenant_id, batch)"),
                both("CREATE INDEX devices_serial_key ON devices(tenant_id, serial_key)"),
                both("CREATE INDEX devices_year ON devices(tenant_id, year)"),
                both("CREATE INDEX devices_last_seen ON devices(tenant_id, last_seen)"),
                both("CREATE UNIQUE INDEX devices_cert ON devices(cert_fingerprint)"),
                both("CREATE TABLE device_components ("
                     " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                     " name TEXT NOT NULL,"
                     " version TEXT NOT NULL,"
                     " version_key TEXT NOT NULL,"
                     " digest TEXT NOT NULL DEFAULT '',"
                     " slot INTEGER NOT NULL DEFAULT -1,"
                     " PRIMARY KEY (device_id, name))"),
                both("CREATE INDEX device_components_version ON device_components(name, version_key, device_id)"),
                both("CREATE TABLE device_tags ("
                     " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                     " tag TEXT NOT NULL,"
                     " PRIMARY KEY (device_id, tag))"),
                both("CREATE INDEX device_tags_tag ON device_tags(tag, device_id)"),
                both("CREATE TABLE device_attributes ("
                     " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                     " kind TEXT NOT NULL CHECK (kind IN ('a', 'm')),"
                     " name TEXT NOT NULL,"
                     " value TEXT NOT NULL,"
                     " PRIMARY KEY (device_id, kind, name))"),
                both("CREATE INDEX device_attributes_value ON device_attributes(kind, name, value, device_id)"),
                both("CREATE TABLE device_groups ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " name TEXT NOT NULL,"
                     " kind TEXT NOT NULL CHECK (kind IN ('static', 'dynamic')),"
                     " filter TEXT NOT NULL DEFAULT '',"
                     " description TEXT NOT NULL DEFAULT '',"
                     " created_by TEXT NOT NULL DEFAULT '',"
                     " created_at BIGINT NOT NULL,"
                     " UNIQUE (tenant_id, name))"),
                both("CREATE TABLE group_members ("
                     " group_id BIGINT NOT NULL REFERENCES device_groups(id) ON DELETE CASCADE,"
                     " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                     " PRIMARY KEY (group_id, device_id))"),
                both("CREATE INDEX group_members_device ON group_members(device_id)"),
                both("CREATE TABLE device_events ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                     " at BIGINT NOT NULL,"
                     " kind TEXT NOT NULL,"
                     " details TEXT NOT NULL DEFAULT '{}')"),
                both("CREATE INDEX device_events_device ON device_events(device_id, id)"),
                both("CREATE TABLE enrolment_tokens ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " prefix TEXT NOT NULL UNIQUE,"
                     " secret_sha256 TEXT NOT NULL,"
                     " label TEXT NOT NULL DEFAULT '',"
                     " auto_accept INTEGER NOT NULL DEFAULT 0,"
                     " created_by TEXT NOT NULL DEFAULT '',"
                     " created_at BIGINT NOT NULL,"
                     " expires_at BIGINT,"
                     " revoked INTEGER NOT NULL DEFAULT 0)"),
            }};
}

// Fast counts and pages over large fleets (docs/filter-language.md, "Performance"). Every row of
// device_components, device_tags and device_attributes carries its device's tenant (filled in by a trigger on
// insert, so that the writers need not know), and on SQLite an index of each of those tables leads with it: a
// condition on a component, tag or attribute is then counted straight from one covering index range instead
// of being checked device by device (the tenant-less indexes stay for the filter SQL, which does not know the
// tenant). PostgreSQL needs no new index there (its filter SQL joins by device). Composite
// devices indexes match what people filter by together (batch and year, hardware revision and year) and what
// the devices table pages by (model in serial order; devices_model stays: its entries are in id order, which
// the merged "or" of compileCount needs); the new ones cover the remaining low-cardinality fields.
Migration schemaV4()
{
    QList<MigrationStep> steps;
    for (const char *table : {"device_components", "device_tags", "device_attributes"}) {
        const QString t = QString::fromLatin1(table);
        steps << MigrationStep{QStringLiteral("ALTER TABLE %1 ADD COLUMN tenant_id BIGINT NOT NULL DEFAULT 0").arg(t),
                               std::nullopt}
              << MigrationStep{QStringLiteral("UPDATE %1 SET tenant_id = (SELECT d.tenant_id FROM devices d"
                                              " WHERE d.id = %1.device_id)")
                                   .arg(t),
                               std::nullopt}
              << MigrationStep{QStringLiteral("CREATE TRIGGER %1_tenant AFTER INSERT ON %1 WHEN NEW.tenant_id = 0"
                                              " BEGIN UPDATE %1 SET tenant_id = (SELECT d.tenant_id FROM devices d"
                                              " WHERE d.id = NEW.device_id) WHERE rowid = NEW.rowid; END")
                                   .arg(t),
                               Dialect::Sqlite}
              << MigrationStep{QStringLiteral("CREATE TRIGGER %1_tenant BEFORE INSERT ON %1 FOR EACH ROW"
                                              " WHEN (NEW.tenant_id = 0) EXECUTE FUNCTION device_row_tenant()")
                                   .arg(t),
                               Dialect::Postgres};
        if (t == QLatin1String("device_components"))
            steps.insert(steps.size() - 1,
                         only(Dialect::Postgres,
                              "CREATE FUNCTION device_row_tenant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                              " NEW.tenant_id := (SELECT d.tenant_id FROM devices d WHERE d.id = NEW.device_id);"
                              " RETURN NEW; END $$"));
    }
    steps << only(Dialect::Sqlite, "CREATE INDEX device_components_tenant ON device_components(tenant_id, name,"
                                   " version_key, device_id)")
          << only(Dialect::Sqlite, "CREATE INDEX device_tags_tenant ON device_tags(tenant_id, tag, device_id)")
          << only(Dialect::Sqlite, "CREATE INDEX device_attributes_tenant ON device_attributes(tenant_id, kind,"
                                   " name, value, device_id)")
          << both("CREATE INDEX devices_model_serial ON devices(tenant_id, model, serial_key)")
          << both("DROP INDEX devices_batch")
          << both("CREATE INDEX devices_batch ON devices(tenant_id, batch, year)")
          << both("CREATE INDEX devices_hw_rev ON devices(tenant_id, hw_rev, year)")
          << both("CREATE INDEX devices_state ON devices(tenant_id, update_state, status)")
          << both("CREATE INDEX devices_vendor ON devices(tenant_id, vendor_id, class_id)")
          << both("CREATE INDEX devices_first_seen ON devices(tenant_id, first_seen)");
    return {4, steps};
}

// Device updates (docs/device-updates.md): one manifest assigned to one device, its state and every transition
// (device_update_steps). At most one active (non-terminal) update per device, enforced by the repository; the
// indexes serve "the active update of a device", "updates of a manifest by state" and the check-in cache's
// watermark (updated_at). `active` is 1 until the update is terminal; the partial unique index makes "at most one
// active update per device" a property of the database.
Migration schemaV5()
{
    return {5,
            {
                both("CREATE TABLE device_updates ("
                     " id {{pk}},"
                     " tenant_id BIGINT NOT NULL REFERENCES tenants(id),"
                     " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                     " manifest_id BIGINT NOT NULL REFERENCES manifests(id),"
                     " campaign_id BIGINT,"
                     " state TEXT NOT NULL,"
                     " active INTEGER NOT NULL DEFAULT 1,"
                     " reason TEXT NOT NULL DEFAULT '',"
                     " message TEXT NOT NULL DEFAULT '',"
                     " download_only INTEGER NOT NULL DEFAULT 0,"
                     " bytes BIGINT NOT NULL DEFAULT 0,"
                     " created_at BIGINT NOT NULL,"
                     " updated_at BIGINT NOT NULL,"
                     " created_by TEXT NOT NULL DEFAULT '')"),
                both("CREATE UNIQUE INDEX device_updates_active ON device_updates(device_id) WHERE active = 1"),
                both("CREATE INDEX device_updates_device ON device_updates(device_id, id)"),
                both("CREATE INDEX device_updates_manifest ON device_updates(tenant_id, manifest_id, state)"),
                both("CREATE INDEX device_updates_updated ON device_updates(updated_at, id)"),
                both("CREATE TABLE device_update_steps ("
                     " id {{pk}},"
                     " update_id BIGINT NOT NULL REFERENCES device_updates(id) ON DELETE CASCADE,"
                     " state TEXT NOT NULL,"
                     " reason TEXT NOT NULL DEFAULT '',"
                     " message TEXT NOT NULL DEFAULT '',"
                     " at BIGINT NOT NULL)"),
                both("CREATE INDEX device_update_steps_update ON device_update_steps(update_id, id)"),
            }};
}
} // namespace

const QList<Migration> &storeMigrations()
{
    static const QList<Migration> list = {schemaV1(), schemaV2(), schemaV3(), schemaV4(), schemaV5()};
    return list;
}

int latestStoreSchemaVersion()
{
    return storeMigrations().last().version;
}

QString dialectSql(QString sql, Dialect dialect)
{
    const bool sqlite = dialect == Dialect::Sqlite;
    sql.replace(QLatin1String("{{pk}}"),
                sqlite ? QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT")
                       : QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    sql.replace(QLatin1String("{{blob}}"), sqlite ? QLatin1String("BLOB") : QLatin1String("BYTEA"));
    return sql;
}

} // namespace otadesk::store
