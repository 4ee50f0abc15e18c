// SPDX-License-Identifier: MIT
#pragma once

#include <core/steward/threeway.h>

#include <QAbstractTableModel>

namespace Core {

// The three-way view of a steward save that met a manifest changed on disk: each pending text
// as it was loaded, as it is on disk now and as the steward set it, and which one to keep
// (Keep theirs is a check box; unchecked keeps yours). Texts both sides changed differently
// have ModelRole::Missing; a text whose class or column is gone from the file cannot be kept.
class ThreeWayModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Text, Original, Theirs, Yours, KeepTheirs, SectionCount };

    explicit ThreeWayModel(QObject *parent = nullptr);

    void setTexts(const QList<Steward::ThreeWayText> &texts, const ProviderManifest &manifest);
    void setTheirsTitle(const QString &title); // where theirs is, e.g. "Theirs (on disk now)"
    int conflicts() const;
    // What to write over the file on disk: each text still in it, with the value chosen.
    QList<Steward::TextChange> chosen() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Steward::ThreeWayText> m_texts;
    QList<bool> m_keepTheirs;
    QStringList m_names;
    QString m_theirsTitle = tr("Theirs");
};

} // namespace Core
