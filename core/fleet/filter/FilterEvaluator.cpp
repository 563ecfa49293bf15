#include "core/fleet/filter/FilterEvaluator.h"

#include "core/fleet/NaturalKey.h"
#include "core/fleet/Version.h"

namespace otadesk::fleet::filter {

namespace {
bool ordered(Op op, int cmp)
{
    switch (op) {
    case Op::Lt:
        return cmp < 0;
    case Op::Le:
        return cmp <= 0;
    case Op::Gt:
        return cmp > 0;
    case Op::Ge:
        return cmp >= 0;
    default:
        return false;
    }
}

// ==, =in= and the ordering operators on one text; `key` (serial, version) is what ordering compares.
bool positiveText(const Comparison &c, const QString &text, const QString &key, bool keyed)
{
    for (const Value &v : c.values) {
        if (isOrdering(c.op)) {
            if (ordered(c.op, compareCodePoints(keyed ? key : text, keyed ? v.key : v.text)))
                return true;
        } else if (v.isPattern() ? globMatch(v.parts, text) : text == v.text) {
            return true;
        }
    }
    return false;
}

bool positiveNumber(const Comparison &c, qint64 actual, const FilterContext &ctx)
{
    for (const Value &v : c.values) {
        const qint64 value = v.relative ? ctx.nowMs + v.number : v.number;
        if (isOrdering(c.op) ? ordered(c.op, actual < value ? -1 : actual > value ? 1 : 0) : actual == value)
            return true;
    }
    return false;
}

bool positiveVersion(const Comparison &c, const QString &version)
{
    const Version parsed = Version::parse(version);
    if (isOrdering(c.op) && !parsed.isValid())
        return false;
    for (const Value &v : c.values) {
        if (v.isPattern()      ? globMatch(v.parts, version)
            : isOrdering(c.op) ? ordered(c.op, compareCodePoints(parsed.sortKey(), v.key))
                               : parsed.sortKey() == v.key)
            return true;
    }
    return false;
}

// The comparison without its negation: != is evaluated as ==, =out= as =in=.
bool positive(const Comparison &c, const Device &d, const FilterContext &ctx)
{
    switch (c.field.id) {
    case FieldId::Serial:
        return positiveText(c, d.serial, isOrdering(c.op) ? naturalKey(d.serial) : QString(), true);
    case FieldId::Model:
        return positiveText(c, d.model, {}, false);
    case FieldId::HwRev:
        return positiveText(c, d.hardwareRevision, {}, false);
    case FieldId::Batch:
        return positiveText(c, d.batch, {}, false);
    case FieldId::Vendor:
        return positiveText(c, d.vendorId, {}, false);
    case FieldId::Class:
        return positiveText(c, d.classId, {}, false);
    case FieldId::Status:
        return positiveText(c, d.status, {}, false);
    case FieldId::State:
        return positiveText(c, d.updateState, {}, false);
    case FieldId::Address:
        return positiveText(c, d.address, {}, false);
    case FieldId::Year:
        return positiveNumber(c, d.year, ctx);
    case FieldId::FirstSeen:
        return positiveNumber(c, d.firstSeen, ctx);
    case FieldId::LastSeen:
        return positiveNumber(c, d.lastSeen, ctx);
    case FieldId::Tag:
        for (const QString &tag : d.tags) {
            if (positiveText(c, tag, {}, false))
                return true;
        }
        return false;
    case FieldId::Attr:
    case FieldId::Meta: {
        const auto &map = c.field.id == FieldId::Attr ? d.attributes : d.metadata;
        const auto it = map.constFind(c.field.sub);
        return it != map.constEnd() && positiveText(c, it.value(), {}, false);
    }
    case FieldId::Fw: {
        const InstalledComponent *comp = d.component(c.field.sub);
        return comp && positiveVersion(c, comp->version);
    }
    case FieldId::Digest: {
        const InstalledComponent *comp = d.component(c.field.sub);
        return comp && positiveText(c, QString::fromLatin1(comp->digest.toHex()), {}, false);
    }
    case FieldId::Group:
        if (!ctx.staticGroup)
            return false;
        for (const Value &v : c.values) {
            const auto members = ctx.staticGroup(v.text);
            if (members && members->contains(d.id))
                return true;
        }
        return false;
    }
    return false;
}
} // namespace

bool globMatch(const QStringList &parts, QStringView text)
{
    if (parts.size() == 1)
        return text == parts.front();
    // First part anchored at the start, last at the end, the middle ones greedily leftmost in between.
    const QString &first = parts.front();
    const QString &last = parts.back();
    if (text.size() < first.size() + last.size() || !text.startsWith(first) || !text.endsWith(last))
        return false;
    qsizetype pos = first.size();
    const qsizetype end = text.size() - last.size();
    for (qsizetype i = 1; i + 1 < parts.size(); ++i) {
        if (parts[i].isEmpty())
            continue;
        const qsizetype at = text.left(end).indexOf(parts[i], pos);
        if (at < 0)
            return false;
        pos = at + parts[i].size();
    }
    return true;
}

bool evaluate(const Node &node, const Device &device, const FilterContext &ctx)
{
    switch (node.kind) {
    case Node::Kind::And:
        for (const NodePtr &c : node.children) {
            if (!evaluate(*c, device, ctx))
                return false;
        }
        return true;
    case Node::Kind::Or:
        for (const NodePtr &c : node.children) {
            if (evaluate(*c, device, ctx))
                return true;
        }
        return false;
    case Node::Kind::Not:
        return !evaluate(*node.children.front(), device, ctx);
    case Node::Kind::Compare:
        return positive(node.comparison, device, ctx) != isNegative(node.comparison.op);
    }
    return false;
}

} // namespace otadesk::fleet::filter
