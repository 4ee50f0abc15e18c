// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtTest>

namespace TestSupport {

// The demo workspace's manifests (resources/demo).
QString demoManifestV1();
QString demoManifestV2();

// Rows the demo database holds: spreads with NULL base_value in the first DemoNullBaseValues,
// which make v2's SET NOT NULL fail until they are filled.
inline constexpr int DemoSpreadRows = 40;
inline constexpr int DemoNullBaseValues = 7;
inline constexpr int DemoAccounts = 5;

// A scratch database upgraded to demo v1 and filled with rows; empty with `why` set when there
// is no server (see METATABLE_SCRATCH_DATABASE).
QString createDemoDatabase(const QString &prefix, QString *why);

// Fills the NULL base_value rows, so v2 can be applied.
void fillDemoNulls(const QString &conninfo);

// pg_dump --schema-only plus the catalog's and the provider's rows: what a migration that
// changed nothing must leave byte-identical.
QByteArray dumpDatabase(const QString &conninfo);

} // namespace TestSupport

// In an integration test: binds `conninfo` to a fresh demo database, or skips (fails under
// TestSupport::strict()) when no server is configured.
#define METATABLE_DEMO_DATABASE(conninfo, prefix)                                                  \
    QString conninfo;                                                                              \
    do {                                                                                           \
        QString why_;                                                                              \
        conninfo = TestSupport::createDemoDatabase(QStringLiteral(prefix), &why_);                 \
        if (conninfo.isEmpty()) {                                                                  \
            if (TestSupport::strict())                                                             \
                QFAIL(qPrintable(why_));                                                           \
            QSKIP(qPrintable(why_));                                                               \
        }                                                                                          \
    } while (false)
