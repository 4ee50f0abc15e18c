// SPDX-License-Identifier: MIT
#pragma once

#include <core/config/configform.h>
#include <core/contract/json.h>

#include <QHash>
#include <QSet>
#include <QWidget>

#include <functional>
#include <optional>

namespace Gui {

class ConfigFieldEditor;

// (path, value or nullopt for the default, typing: a keystroke that merges with the last)
using ConfigEditFn = std::function<void(
    const QStringList &path, const std::optional<Core::Json> &value, bool typing)>;

// A storage class a storage-class field can point to, as the picker lists it.
struct StorageClassChoice
{
    QString label; // "DailyMetricsStorage (bound)"
    Core::Json value;
};

// What every field editor of one form shares; owned by the form, outliving its editors.
struct ConfigFormContext
{
    QList<StorageClassChoice> storageClasses;
};

// The editor of a value made of values (a list, a tuple, a dict, a union): it shows a whole
// value, reports edits of the whole value, and passes errors and focus on to its parts.
class ConfigValueWidget : public QWidget
{
public:
    using QWidget::QWidget;
    virtual void setValue(const std::optional<Core::Json> &value) = 0;
    // Errors by dotted path ("entities.1", "scale_factors.ACME"); the paths shown are added to
    // `shown`.
    virtual void applyErrors(const QHash<QString, QStringList> &errors, QSet<QString> &shown) = 0;
    virtual bool focusPath(const QString &path) = 0;

protected:
    // For editors made of field editors: each item shows its errors, the first that has `path`
    // takes the keyboard.
    static void applyErrorsTo(const QList<ConfigFieldEditor *> &items,
                              const QHash<QString, QStringList> &errors,
                              QSet<QString> &shown);
    static bool focusPathIn(const QList<ConfigFieldEditor *> &items, const QString &path);
};

// `root` with `value` put at `relative` (array indexes as numbers, object keys as names);
// nullopt removes an object key, or puts `initial` where an array item was.
void assignRelative(Core::Json &root,
                    const QStringList &relative,
                    const std::optional<Core::Json> &value,
                    const Core::Json &initial);

// The member of a union that `value` belongs to, by its JSON type (-1: none).
int unionMemberFor(const Core::Config::FormField &unionField, const Core::Json &value);

} // namespace Gui
