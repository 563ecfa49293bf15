#include "SuitCommandDecoder.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/SuitNames.h"

namespace otadesk::manifest {

static SourceLocation at(const CborValue &v)
{
    SourceLocation where;
    where.offset = v.offset();
    return where;
}

Result<SuitSequence> SuitCommandDecoder::sequence(const CborValue &bstr, int depth) const
{
    if (depth > MaxNesting)
        return fail(ErrorCode::Format, tr("command sequences nested deeper than %1 levels").arg(MaxNesting), at(bstr));
    if (!bstr.isBytes())
        return fail(ErrorCode::Format, tr("a command sequence must be a byte string holding CBOR"), at(bstr));
    auto array = CborDecoder::decodeEmbedded(m_envelope, bstr);
    if (!array)
        return std::unexpected(array.error());
    if (!array->isArray() || array->size() % 2 != 0)
        return fail(ErrorCode::Format, tr("a command sequence must be an array of (command, argument) pairs"),
                    at(*array));
    SuitSequence result;
    for (qsizetype i = 0; i < array->size(); i += 2) {
        auto cmd = command(array->at(i), array->at(i + 1), depth);
        if (!cmd)
            return std::unexpected(cmd.error());
        result.push_back(std::move(*cmd));
    }
    return result;
}

Result<SuitCommand> SuitCommandDecoder::command(const CborValue &code, const CborValue &argument, int depth) const
{
    const auto c = code.toInt64();
    if (!c)
        return fail(ErrorCode::Format, tr("a command code must be an integer"), at(code));
    SuitCommand cmd;
    cmd.code = *c;
    cmd.argument = argument;
    cmd.offset = code.offset();
    cmd.known = suitNames::isKnownCommand(*c);
    switch (*c) {
    case 19: // set-parameters
    case 20: { // override-parameters
        auto params = parameters(argument);
        if (!params)
            return std::unexpected(params.error());
        cmd.parameters = std::move(*params);
        break;
    }
    case 15: { // try-each: [2* bstr, ?nil]
        if (!argument.isArray() || argument.size() < 1)
            return fail(ErrorCode::Format, tr("directive-try-each needs an array of sequences"), at(argument));
        for (const CborValue &alternative : argument.items()) {
            if (alternative.isNull()) {
                cmd.nested.emplace_back();
                continue;
            }
            auto seq = sequence(alternative, depth + 1);
            if (!seq)
                return std::unexpected(seq.error());
            cmd.nested.push_back(std::move(*seq));
        }
        break;
    }
    case 32: { // run-sequence
        auto seq = sequence(argument, depth + 1);
        if (!seq)
            return std::unexpected(seq.error());
        cmd.nested.push_back(std::move(*seq));
        break;
    }
    case 12: // set-component-index: uint / true / [+uint]
        if (!argument.toUnsigned() && !argument.isBool() && !argument.isArray())
            return fail(ErrorCode::Format, tr("directive-set-component-index needs an index, true or a list"),
                        at(argument));
        break;
    default:
        break;
    }
    return cmd;
}

Result<SuitParameters> SuitCommandDecoder::parameters(const CborValue &map) const
{
    if (!map.isMap())
        return fail(ErrorCode::Format, tr("parameters must be a map"), at(map));
    SuitParameters p;
    for (const CborMapEntry &e : map.entries()) {
        const auto key = e.key.toInt64();
        if (!key)
            return fail(ErrorCode::Format, tr("a parameter key must be an integer"), at(e.key));
        const CborValue &v = e.value;
        auto bad = [&](const QString &expected) {
            return fail(ErrorCode::Format, tr("parameter %1 must be %2").arg(suitNames::parameter(*key), expected), at(v));
        };
        switch (*key) {
        case 1:
        case 2:
        case 24: {
            if (v.isBytes() && v.bytes().size() == 16) {
                const QUuid uuid = QUuid::fromRfc4122(v.bytes());
                (*key == 1 ? p.vendorId : *key == 2 ? p.classId : p.deviceId) = uuid;
            } else if (!(v.isTag() || v.isBytes())) {
                return bad(tr("a 16-byte UUID"));
            }
            break;
        }
        case 3: {
            if (!v.isBytes())
                return bad(tr("a byte string holding a SUIT_Digest"));
            auto inner = CborDecoder::decodeEmbedded(m_envelope, v);
            if (!inner)
                return std::unexpected(inner.error());
            auto digest = SuitDigest::fromCbor(*inner);
            if (!digest)
                return std::unexpected(digest.error());
            p.imageDigest = *digest;
            break;
        }
        case 5:
        case 14:
        case 22:
            if (!v.toUnsigned())
                return bad(tr("an unsigned integer"));
            (*key == 5 ? p.componentSlot : *key == 14 ? p.imageSize : p.sourceComponent) = *v.toUnsigned();
            break;
        case 12:
        case 13:
            if (!v.isBool())
                return bad(tr("true or false"));
            (*key == 12 ? p.strictOrder : p.softFailure) = v.toBool();
            break;
        case 21:
            if (!v.isText())
                return bad(tr("a text string (URI)"));
            p.uri = v.text();
            break;
        case 18:
        case 19:
            if (!v.isBytes())
                return bad(tr("a byte string"));
            (*key == 18 ? p.content : p.encryptionInfo) = v.bytes();
            break;
        default:
            break;
        }
        p.all.emplace_back(*key, v);
    }
    return p;
}

} // namespace otadesk::manifest
