// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;

namespace Core {
struct ClassBadgeInfo;
struct StorageClass;
} // namespace Core

namespace Gui {

class ClassTextsEditor;

// The Overview tab of a storage class: identity, registration facts, binding and status.
class StorageOverview : public QWidget
{
    Q_OBJECT

public:
    explicit StorageOverview(QWidget *parent = nullptr);

    void setStorageClass(const Core::StorageClass &storageClass);
    void setBadge(const Core::ClassBadgeInfo &badge);
    ClassTextsEditor *textsEditor() const { return m_texts; } // description and labels

private:
    QLabel *addRow(const QString &label, const QString &objectName);

    QLabel *m_identifier;
    QLabel *m_namespace;
    ClassTextsEditor *m_texts;
    QFormLayout *m_form;
    QLabel *m_cadence;
    QLabel *m_timeIndex;
    QLabel *m_binding;
    QLabel *m_badgeIcon;
    QLabel *m_badge;
    QLabel *m_reason;
};

} // namespace Gui
