// SPDX-License-Identifier: MIT
#include "passwordstore.h"

#include <qt6keychain/keychain.h>

namespace Gui {

namespace {

const QString Service = QStringLiteral("metatable-console");

PasswordStore::Outcome outcomeOf(QKeychain::Job *job)
{
    PasswordStore::Outcome o;
    switch (job->error()) {
    case QKeychain::NoError:
        o.ok = true;
        break;
    case QKeychain::EntryNotFound:
        o.notFound = true;
        o.message = PasswordStore::tr("No password is stored for this connection yet.");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // QtKeychain reports a missing Secret Service / D-Bus session as OtherError too.
        o.unavailable = true;
        o.message = PasswordStore::tr("No system keychain is available (%1): the password is "
                                      "asked each time and kept in memory only.")
                        .arg(job->errorString());
        break;
    default:
        o.message = PasswordStore::tr("The keychain refused: %1").arg(job->errorString());
        break;
    }
    return o;
}

} // namespace

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{}

void PasswordStore::read(const QString &key, const Callback &done)
{
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        Outcome o = outcomeOf(j);
        if (o.ok)
            o.password = qobject_cast<QKeychain::ReadPasswordJob *>(j)->textData();
        done(o);
    });
    job->start();
}

void PasswordStore::write(const QString &key, const QString &password, const Callback &done)
{
    auto *job = new QKeychain::WritePasswordJob(Service, this);
    job->setKey(key);
    job->setTextData(password);
    connect(
        job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) { done(outcomeOf(j)); });
    job->start();
}

void PasswordStore::remove(const QString &key, const Callback &done)
{
    auto *job = new QKeychain::DeletePasswordJob(Service, this);
    job->setKey(key);
    connect(
        job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) { done(outcomeOf(j)); });
    job->start();
}

} // namespace Gui
