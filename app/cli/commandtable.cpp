// SPDX-License-Identifier: MIT
#include "command.h"

int runNames(const QStringList &args);

namespace Cli {

int runStatus(const QStringList &args);
int runUpgrade(const QStringList &args);
int runSandbox(const QStringList &args);
int runHash(const QStringList &args);
int runConfig(const QStringList &args);
int runContractHash(const QStringList &args);
int runDiff(const QStringList &args);
int runRevision(const QStringList &args);
int runLint(const QStringList &args);
int runExport(const QStringList &args);
int runDescribe(const QStringList &args);
int runHistory(const QStringList &args);
int runChecklist(const QStringList &args);
int runTestgen(const QStringList &args);
int runRun(const QStringList &args);
int runRuns(const QStringList &args);

const QList<Command> &commands()
{
    static const QList<Command> table = {
        {QStringLiteral("sandbox"),
         QStringLiteral("start, stop or show the private PostgreSQL sandbox"),
         QStringLiteral("Usage: metatable sandbox start|stop|status [--dir DIR] [--json]\n\n"
                        "Manages a private PostgreSQL cluster listening only on a Unix socket in\n"
                        "its own directory (default: $XDG_DATA_HOME/metatable-console/sandbox;\n"
                        "METATABLE_SANDBOX_DIR or --dir override it). start initialises and\n"
                        "starts it and creates the 'metatable' database; start and stop succeed\n"
                        "when already done. status prints state, pid, directories, server version\n"
                        "and the connection string; it exits 0 when running, 1 otherwise."),
         &runSandbox},
        {QStringLiteral("lint"),
         QStringLiteral("Check a manifest against the SDK contract and the migration guide"),
         QStringLiteral(
             "Usage: metatable lint MANIFEST [--json]\n\n"
             "Reads the manifest (a read error names the file, JSON pointer, expected and\n"
             "found value) and reports each rule it breaks as\n"
             "  FILE:POINTER: SEVERITY [RULE SLUG] MESSAGE (fix: ...)\n"
             "Severities: error, warning, note (unknown keys are notes). --json prints\n"
             "{file, findings: [{rule, slug, severity, pointer, message, fix}], errors,\n"
             "warnings, notes} and read_error when the file cannot be read.\n"
             "Exit status: 0 no error-severity finding, 1 error findings, 2 usage,\n"
             "3 the manifest cannot be read."),
         &runLint},
        {QStringLiteral("names"),
         QStringLiteral("Print the SDK's table, index and constraint names"),
         QStringLiteral(
             "Usage: metatable names KIND ARGS... [--json]\n"
             "  names table APP CONCEPT [SUFFIX]\n"
             "  names index TABLE COLUMN... [--unique]\n"
             "  names unique TABLE COLUMN...\n"
             "  names fk TABLE COLUMN... --target TABLE [--target-column C...]\n"
             "  names pk TABLE\n"
             "  names check TABLE [NAME]\n"
             "  names version-slug [NAMESPACE]\n"
             "Prints the name the Main Sequence SDK gives (63-character PostgreSQL limit,\n"
             "MD5-marked truncation). Put '--' before names that start with '-'.\n"
             "--json prints {\"value\": NAME} or {\"error\": {\"type\", \"message\"}}.\n"
             "Exit status: 0 ok, 1 the SDK rejects the input (its message on stderr), 2 usage."),
         &runNames},
        {QStringLiteral("hash"),
         QStringLiteral("Compute a node's update_hash and storage_hash as the SDK does"),
         QStringLiteral(
             "Usage: metatable hash MANIFEST --node MODULE:QUALNAME [--config FILE]\n"
             "                      [--hash-namespace NS] [--project-branch-uid UID]\n"
             "                      [--db CONNINFO] [--json]\n\n"
             "Builds the configuration pydantic would hold from the node's config_schema and\n"
             "its config values (or the JSON object in FILE), then hashes it with the SDK's\n"
             "DataNode rules. Storage classes in the configuration hash by the uid their\n"
             "binding gives: the manifest's, or with --db the catalog of that database after\n"
             "'metatable upgrade'. An unbound one is refused with the SDK's message.\n"
             "--hash-namespace overrides the node's; --project-branch-uid changes update_hash\n"
             "only. --json adds the exact payload texts and the build configuration.\n"
             "Exit status: 0 ok, 1 bad input (message on stderr), 2 usage."),
         &runHash},
        {QStringLiteral("config"),
         QStringLiteral("Show a node's effective configuration, or set its values"),
         QStringLiteral(
             "Usage: metatable config show MANIFEST --node MODULE:QUALNAME [--json]\n"
             "       metatable config set MANIFEST --node MODULE:QUALNAME FIELD=VALUE...\n"
             "                            [--dry-run] [--json]\n\n"
             "show prints the node's configuration as it runs: each field of config_schema\n"
             "with its value (the manifest's config value, else the schema's default;\n"
             "'computed default' for a default_factory, which the schema does not carry),\n"
             "whether it is hashed or hash-excluded and required, its description, and the\n"
             "update_hash and storage_hash 'metatable hash' prints. --json prints {node,\n"
             "config_class, update_hash, storage_hash, fields: [{name, value, source,\n"
             "hash_excluded, required, description}]}; source is config, default, computed\n"
             "default or missing (a required field without value).\n\n"
             "set changes config values. VALUE is JSON when it parses as JSON, else a plain\n"
             "string: scope=us sets \"us\", days=5 the number 5, start=null null,\n"
             "tags='[\"a\",\"b\"]' a list; write label='\"5\"' for the string \"5\". A dotted\n"
             "FIELD (base.window.days=3) reaches a nested model's field, creating the\n"
             "intermediate objects where the schema declares a nested model; a FIELD the\n"
             "schema does not declare is refused unless its model accepts extra keys. The\n"
             "resulting configuration is checked against config_schema as pydantic would\n"
             "(types, required fields, enums, bounds, string lengths and patterns, models\n"
             "that forbid extra keys) before anything is written: a rejected edit names each\n"
             "value's path and what is wrong, and leaves the file byte for byte as it was.\n"
             "A valid edit is written atomically (unknown keys and key order kept) and the\n"
             "old and new update_hash are printed: a hash-excluded edit keeps the update\n"
             "identity, any other change of update_hash runs as a new updater. --dry-run\n"
             "checks and prints, writing nothing. --json prints {node, manifest, dry_run,\n"
             "written, changes: [{path, old, new, hash_excluded}], old_update_hash,\n"
             "new_update_hash, update_hash_changed, old_storage_hash, new_storage_hash,\n"
             "summary} (old is absent for a value that was not set), or {error: {message,\n"
             "issues: [{path, message, warning}]}}.\n"
             "Exit status: 0 ok, 1 rejected input (unreadable manifest, unknown node, a value\n"
             "the schema refuses, a file that cannot be written; no hashes for show), 2 usage."),
         &runConfig},
        {QStringLiteral("contract-hash"),
         QStringLiteral("Compute a storage class's contract hash as the SDK does"),
         QStringLiteral(
             "Usage: metatable contract-hash MANIFEST --storage TABLE_NAME [--extra JSON]\n"
             "                               [--hash-namespace NS] [--json]\n\n"
             "The SDK's compute_metatable_contract_hash of the storage class with that\n"
             "SQLAlchemy table name, after its time-index contract checks (their messages are\n"
             "the SDK's). --extra is a JSON object merged at the top of the payload. --json\n"
             "prints {storage, hash, payload_json, grain_index_added}.\n"
             "Exit status: 0 ok, 1 bad input (message on stderr), 2 usage."),
         &runContractHash},
        {QStringLiteral("diff"),
         QStringLiteral("Show what would change in a database to match a manifest, with risks"),
         QStringLiteral(
             "Usage: metatable diff MANIFEST --db CONNINFO [--format text|sql|alembic|json]\n"
             "                      [--allow-destructive]\n\n"
             "Compares the manifest's storage classes with the database (introspected) and\n"
             "prints the plan: operations in execution order, each with its risks counted on\n"
             "the live data (NULLs before SET NOT NULL, rows a drop loses, ...). Indexes,\n"
             "constraints and foreign keys match by structure, so hand-named copies are\n"
             "renames. sql = the DDL script, alembic = an Alembic revision file, json = the\n"
             "plan (--json is the same). Drops are refused unless --allow-destructive.\n"
             "Exit status: 0 the database matches, 1 changes pending, 2 usage, 3 error (manifest\n"
             "unreadable, no connection, database error)."),
         &runDiff},
        {QStringLiteral("revision"),
         QStringLiteral("Write the plan as an Alembic revision file"),
         QStringLiteral(
             "Usage: metatable revision MANIFEST --db CONNINFO [--output FILE|DIR]\n"
             "                          [--message M] [--allow-destructive] [--json]\n\n"
             "Diffs the manifest against the database and writes the plan as an Alembic\n"
             "revision: op.* calls in upgrade(), their reverse in downgrade(). down_revision\n"
             "is the revision in the provider's version table (None for a first revision);\n"
             "the revision id is the one `metatable upgrade` stamps for the same plan.\n"
             "Without --output the file goes to standard output; a DIR (e.g. a versions\n"
             "folder) gets <revision>_<slug of message>.py, written atomically. --message\n"
             "defaults to 'migration'. Plans with errors or refused drops are not written.\n"
             "--json reports {path, revision, down_revision, operations} for a written file.\n"
             "Exit status: 0 written or nothing to do, 1 the plan was refused (errors or\n"
             "blocked operations), 2 usage, 3 error (manifest unreadable, no connection,\n"
             "database error, file not written)."),
         &runRevision},
        {QStringLiteral("upgrade"),
         QStringLiteral("Apply a manifest to a database in one transaction"),
         QStringLiteral(
             "Usage: metatable upgrade MANIFEST --db CONNINFO [--allow-destructive] [--yes]\n"
             "                         [--lock-timeout S] [--statement-timeout S] [--json]\n\n"
             "Prints the plan with its risks counted on the live data (NULLs before SET NOT\n"
             "NULL, duplicates before a unique index, orphans before a foreign key, rows a\n"
             "drop loses), asks for confirmation on a terminal with those counts (--yes skips\n"
             "it; without a terminal --yes is required), then applies it in ONE transaction\n"
             "under the provider's advisory lock: catalog reservation, DDL, finalization and\n"
             "the Alembic version stamp commit together or not at all. Under the lock the plan\n"
             "is recomputed and counted again before any DDL, even with --yes: a count that\n"
             "would make a statement fail refuses the upgrade, naming the count, the table and\n"
             "the safer way, before any table lock beyond ACCESS SHARE is taken. An upgrade\n"
             "that waited for another finds nothing to do.\n"
             "Destructive operations (drops) need --allow-destructive; tables marked\n"
             "protect_from_deletion are never dropped. --lock-timeout (default 5) and\n"
             "--statement-timeout (default 300) are in seconds, 0 = no limit.\n"
             "Exit status: 0 applied or nothing to do, 1 refused (a safety rule or a counted\n"
             "blocker) or not confirmed, 2 usage (also: no terminal and no --yes), 3 error\n"
             "(manifest unreadable, no connection, lock or statement timeout, a statement\n"
             "failed; nothing was changed)."),
         &runUpgrade},
        {QStringLiteral("status"),
         QStringLiteral("Show whether each storage class is registered"),
         QStringLiteral(
             "Usage: metatable status MANIFEST --db CONNINFO [--json]\n\n"
             "For each storage class: registered (active catalog row, same contract hash, table\n"
             "as the manifest says), reserved (an upgrade never finalized it), drifted (the\n"
             "table or the contract hash differs) or missing (no catalog row or no table).\n"
             "Exit status: 0 all registered, 1 some class is not (reserved, drifted, missing),\n"
             "2 usage, 3 error (manifest unreadable, no connection, database error)."),
         &runStatus},
        {QStringLiteral("run"),
         QStringLiteral("Run a DataNode: validate its rows and write them into its table"),
         QStringLiteral(
             "Usage: metatable run MANIFEST --node MODULE:QUALNAME --db CONNINFO\n"
             "                     [--policy atomic|batched] [--batch-rows N] [--config FILE]\n"
             "                     [--format text|json]\n\n"
             "Starts the node's runner.command (an argv, no shell) in its working directory\n"
             "with METATABLE_CONFIG_FILE (the effective configuration), METATABLE_CONTRACT_FILE\n"
             "(its storage class) and METATABLE_ROW_FORMAT, checks every row of its standard\n"
             "output against the storage contract and writes the accepted rows into the\n"
             "node's table with COPY, upserting on the grain (a row whose grain is stored\n"
             "already is updated, never duplicated). Rejected rows are never written; each\n"
             "rule's count and first samples (line, column, value, reason, grain key) are\n"
             "printed. The runner's standard error goes to standard error.\n"
             "--policy atomic (default): one transaction, a failed or cancelled run leaves\n"
             "the table as it was. batched: a commit every --batch-rows accepted rows\n"
             "(default 100000); a failure keeps the committed batches and says how many.\n"
             "--config FILE runs with that JSON object of configuration values instead of\n"
             "the manifest's. Ctrl+C cancels (the runner is terminated, killed after 3 s).\n"
             "The run is recorded in the catalog (see 'metatable runs'); --format json prints\n"
             "that record.\n"
             "Refused before anything runs: a storage class that is not registered and active\n"
             "in the catalog (apply the migration first: 'metatable upgrade MANIFEST --db\n"
             "CONNINFO'), a node without storage class or runner, a node already running.\n"
             "Exit status: 0 succeeded, no rejects; 1 succeeded with rejects; 2 usage;\n"
             "3 the run failed or was cancelled, was refused, or could not start\n"
             "(unreadable manifest, no connection)."),
         &runRun},
        {QStringLiteral("runs"),
         QStringLiteral("List the recorded node runs, newest first"),
         QStringLiteral(
             "Usage: metatable runs --db CONNINFO [--node MODULE:QUALNAME] [--limit N]\n"
             "                      [--format text|json]\n\n"
             "The catalog's run records (default: the last 200): start, status (running,\n"
             "succeeded, succeeded_with_rejects, failed, cancelled), node, write policy and\n"
             "counts. --format json prints each record as 'metatable run --format json' does,\n"
             "with per-rule reject counts and samples, exit code and log tail.\n"
             "Exit status: 0 listed (also when there are none), 2 usage, 3 error (no\n"
             "connection, database error)."),
         &runRuns},
        {QStringLiteral("export"),
         QStringLiteral("Export a Python project's storage classes and nodes as a manifest"),
         QStringLiteral(
             "Usage: metatable export --python PY (--provider MODULE:ATTR | --models MODULE\n"
             "                        --migration-namespace NS) [--nodes MODULE]\n"
             "                        [--package NAME] [--path DIR]... [--output FILE]\n"
             "                        [--timeout S]\n\n"
             "Runs `PY -m metatable_export` (PY is the project environment's interpreter, e.g.\n"
             ".venv/bin/python; no shell, no network, no credentials): the SQLAlchemy storage\n"
             "classes of the migration provider (or every one in MODULE) and the DataNodes in\n"
             "the nodes module become a metatable-provider/1 manifest, which the console loads\n"
             "before writing it to FILE (atomically) or standard output. --path puts a source\n"
             "folder on the project's sys.path (repeatable). --timeout defaults to 300 s.\n"
             "Exit status: 0 written, 1 the export or the manifest failed (the exporter's\n"
             "message names the class and attribute), 2 usage."),
         &runExport},
        {QStringLiteral("describe"),
         QStringLiteral("Set a storage class's or a column's description or labels"),
         QStringLiteral(
             "Usage: metatable describe MANIFEST --storage TABLE [--column C]\n"
             "                          [--label L]... [--description D]\n\n"
             "Edits the manifest only, exactly the fields given: without --column the storage\n"
             "class's description and its labels (every --label, in order, replaces the list);\n"
             "with --column that column's description and its label (one). An empty value\n"
             "clears a text. TABLE is the table name, the identifier or the class path. The\n"
             "file is written atomically, unknown keys and key order kept; the next `metatable\n"
             "upgrade` carries the texts to the catalog and to COMMENT ON. Each field prints\n"
             "old -> new; the steward's lint of the texts set (missing, very short, a\n"
             "placeholder, a column described by its name, labels that differ only in case)\n"
             "goes to stderr as warnings.\n"
             "Exit status: 0 written or unchanged, 1 bad input (unreadable manifest, unknown\n"
             "table or column, a file that cannot be written), 2 usage."),
         &runDescribe},
        {QStringLiteral("history"),
         QStringLiteral("Show who changed which description or label, when and how"),
         QStringLiteral(
             "Usage: metatable history --db CONNINFO [--storage TABLE] [--column C]\n"
             "                         [--person P] [--since T] [--until T]\n"
             "                         [--format text|csv|json]\n\n"
             "The catalog's append-only audit trail of the stewards' texts: every change of\n"
             "a storage class's description or labels, or of a column's description, that\n"
             "'metatable upgrade' (or the console's save) carried to the database, oldest\n"
             "first. Text prints one line per change:\n"
             "  TIME  OS_USER / ROLE  SOURCE  SCHEMA.TABLE[.COLUMN] FIELD: OLD -> NEW\n"
             "with values as JSON and (none) for a text that was not set. --storage is the\n"
             "physical table name (also SCHEMA.TABLE or the class path), --column a column of\n"
             "it, --person an OS user or a database role. --since keeps changes at or after T,\n"
             "--until changes before T; T is an ISO 8601 date or time, UTC without an offset\n"
             "(a date alone for --until keeps that whole day). csv: RFC 4180 with a header\n"
             "row (id, changed_at, os_user, db_role, source, schema, table, storage_class,\n"
             "column, field, old_value, new_value, meta_table_uid; values as JSON). json\n"
             "(--json is the same): [{id, changed_at, os_user, db_role, source,\n"
             "meta_table_uid, schema, table, storage_class, column, field, old, new}].\n"
             "Exit status: 0 listed (also when nothing matches), 2 usage, 3 error (no\n"
             "connection, no catalog or one from before the audit trail: run metatable\n"
             "upgrade first)."),
         &runHistory},
        {QStringLiteral("checklist"),
         QStringLiteral("Check each node against the migration guide's checklist"),
         QStringLiteral(
             "Usage: metatable checklist MANIFEST [--node MODULE:QUALNAME]... [--db CONNINFO]\n"
             "                           [--format text|json]\n\n"
             "Evaluates the 15 items of the migration guide's checklist for each node (or\n"
             "those named by --node): done, not done, cannot tell or n/a, with the evidence\n"
             "and the fix. The evidence comes from the manifest and its lint, from the source\n"
             "checks 'metatable export' records (x-metatable-assistant; without them items 2,\n"
             "6, 7, 11-14 cannot be told), and with --db from the catalog (each output class\n"
             "registered with the manifest's contract hash) and the run history in\n"
             "metatable_catalog.node_runs (a 'succeeded' or 'succeeded_with_rejects' run of\n"
             "the node, as 'metatable run' records it; without a catalog, cannot tell):\n"
             "item 15. --json is --format json: {manifest, database, nodes: [{node,\n"
             "storage_tables, fully_migrated, counts, items: [{number, title, state, evidence,\n"
             "fix, rules, pointers, action}]}], fully_migrated, nodes_total, all_done}.\n"
             "Exit status: 0 every applicable item of the selected nodes is done, 1 some item\n"
             "is not done or cannot be told, 2 usage (also an unknown --node), 3 error\n"
             "(manifest unreadable, no connection, database error)."),
         &runChecklist},
        {QStringLiteral("testgen"),
         QStringLiteral("Write the migration guide's validation tests for the project"),
         QStringLiteral(
             "Usage: metatable testgen MANIFEST --output DIR [--run] [--python PY]\n"
             "                         [--path DIR]... [--json]\n\n"
             "Writes DIR/test_<package>_metatable.py: the guide's nine validation tests\n"
             "(storage imports without backend access; update()'s columns, index names and\n"
             "UTC time index against each node's storage contract; memoised factories;\n"
             "distinct storage hashes; update_hash changes only for hashed fields; hash-\n"
             "excluded fields; foreign keys in Base.metadata but not in the registration),\n"
             "plain unittest over the project's own classes, with every expected name, hash\n"
             "and contract computed by the console's core. The file is written atomically; a\n"
             "file of that name the console did not generate is never replaced. --run runs\n"
             "it with PY (default python3), the folders given by --path on sys.path (default:\n"
             "DIR/..), and prints each test's outcome. --json prints {file, nodes,\n"
             "storage_classes, notes, tests: [{test, outcome, description, detail,\n"
             "seconds}], all_passed}.\n"
             "Exit status: 0 written (and with --run every test passed), 1 a test failed or\n"
             "a file the console did not write is in the way, 2 usage, 3 error (manifest\n"
             "unreadable, hashes not computable, a file that cannot be written, the tests\n"
             "not loadable)."),
         &runTestgen},
    };
    return table;
}

} // namespace Cli
