#include "SuitDecoder.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborEncoder.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/SuitCommandDecoder.h"
#include "core/manifest/SuitNames.h"

namespace otadesk::manifest {

static SourceLocation at(const CborValue &v)
{
    SourceLocation where;
    where.offset = v.offset();
    return where;
}

static bool isSeverableKey(qint64 key)
{
    return key == 14 || key == 16 || key == 20 || key == 23;
}

static Status authenticationWrapper(SuitEnvelope &env, const CborValue &bstr)
{
    auto wrapper = CborDecoder::decodeEmbedded(env.bytes, bstr);
    if (!wrapper)
        return std::unexpected(wrapper.error());
    if (!wrapper->isArray() || wrapper->size() < 1 || !wrapper->at(0).isBytes())
        return fail(ErrorCode::Format, SuitDecoder::tr("the authentication wrapper must be [bstr digest, * bstr blocks]"),
                    at(*wrapper));
    env.digestBstr = wrapper->at(0).bytes();
    auto digestValue = CborDecoder::decodeEmbedded(env.bytes, wrapper->at(0));
    if (!digestValue)
        return std::unexpected(digestValue.error());
    auto digest = SuitDigest::fromCbor(*digestValue);
    if (!digest)
        return std::unexpected(digest.error());
    env.manifestDigest = *digest;
    for (qsizetype i = 1; i < wrapper->size(); ++i) {
        const CborValue &blockBstr = wrapper->at(i);
        if (!blockBstr.isBytes())
            return fail(ErrorCode::Format, SuitDecoder::tr("authentication block %1 must be a byte string").arg(i),
                        at(blockBstr));
        auto block = CborDecoder::decodeEmbedded(env.bytes, blockBstr);
        if (!block)
            return std::unexpected(block.error());
        SuitAuthBlock b;
        b.offset = block->offset();
        if (block->isTag()) {
            switch (block->tag()) {
            case coseTag::Sign1: b.kind = SuitAuthBlock::Kind::Sign1; break;
            case coseTag::Mac0: b.kind = SuitAuthBlock::Kind::Mac0; break;
            case coseTag::Sign: b.kind = SuitAuthBlock::Kind::Sign; break;
            case coseTag::Mac: b.kind = SuitAuthBlock::Kind::Mac; break;
            default: break;
            }
        }
        b.value = std::move(*block);
        env.authBlocks.append(std::move(b));
    }
    return {};
}

Result<SuitEnvelope> SuitDecoder::decodeEnvelope(QByteArrayView bytes)
{
    SuitEnvelope env;
    env.bytes = bytes.toByteArray();
    auto root = CborDecoder::decode(env.bytes);
    if (!root)
        return std::unexpected(root.error());
    const CborValue *map = &*root;
    if (root->isTag()) {
        if (root->tag() != EnvelopeTag)
            return fail(ErrorCode::Format, tr("expected a SUIT envelope (tag 107), found tag %1").arg(root->tag()), at(*root));
        env.tagged = true;
        map = &root->tagContent();
    }
    if (!map->isMap())
        return fail(ErrorCode::Format, tr("a SUIT envelope must be a map"), at(*map));
    qint64 authIndex = -1, manifestIndex = -1, index = 0;
    for (const CborMapEntry &e : map->entries()) {
        ++index;
        if (e.key.isText()) {
            if (!e.value.isBytes())
                return fail(ErrorCode::Format, tr("integrated payload \"%1\" must be a byte string").arg(e.key.text()),
                            at(e.value));
            env.integratedPayloads.insert(e.key.text(), e.value.bytes());
            continue;
        }
        const auto key = e.key.toInt64();
        if (!key)
            return fail(ErrorCode::Format, tr("envelope keys must be integers or text"), at(e.key));
        if (!e.value.isBytes())
            return fail(ErrorCode::Format, tr("envelope member %1 must be a byte string").arg(*key), at(e.value));
        if (*key == 2) {
            authIndex = index;
            if (auto ok = authenticationWrapper(env, e.value); !ok)
                return std::unexpected(ok.error());
        } else if (*key == 3) {
            manifestIndex = index;
            env.manifestBstrValue = e.value;
            env.manifestBstr = e.value.rawIn(env.bytes);
        } else if (isSeverableKey(*key)) {
            env.severedMembers.insert(*key, e.value);
        } else {
            return fail(ErrorCode::Format, tr("unknown envelope member %1").arg(*key), at(e.key));
        }
    }
    if (authIndex < 0)
        return fail(ErrorCode::Format, tr("the envelope has no authentication wrapper (key 2)"), at(*map));
    if (manifestIndex < 0)
        return fail(ErrorCode::Format, tr("the envelope has no manifest (key 3)"), at(*map));
    env.key2BeforeKey3 = authIndex < manifestIndex;
    return env;
}

static Status decodeCommon(SuitManifest &m, const SuitCommandDecoder &commands, QByteArrayView input,
                           const CborValue &bstr)
{
    if (!bstr.isBytes())
        return fail(ErrorCode::Format, SuitDecoder::tr("common must be a byte string holding a map"), at(bstr));
    auto common = CborDecoder::decodeEmbedded(input, bstr);
    if (!common)
        return std::unexpected(common.error());
    if (!common->isMap())
        return fail(ErrorCode::Format, SuitDecoder::tr("common must be a map"), at(*common));
    if (const CborValue *components = common->find(2)) {
        if (!components->isArray() || components->size() == 0)
            return fail(ErrorCode::Format, SuitDecoder::tr("components must be a non-empty array"), at(*components));
        for (const CborValue &id : components->items()) {
            if (!id.isArray())
                return fail(ErrorCode::Format, SuitDecoder::tr("a component identifier must be an array of byte strings"), at(id));
            QList<QByteArray> parts;
            for (const CborValue &part : id.items()) {
                if (!part.isBytes())
                    return fail(ErrorCode::Format, SuitDecoder::tr("a component identifier must be an array of byte strings"), at(part));
                parts.append(part.bytes());
            }
            m.components.append(parts);
        }
    }
    if (const CborValue *deps = common->find(1)) {
        if (!deps->isMap())
            return fail(ErrorCode::Format, SuitDecoder::tr("dependencies must be a map"), at(*deps));
        for (const CborMapEntry &e : deps->entries()) {
            const auto index = e.key.toUnsigned();
            if (!index || !e.value.isMap())
                return fail(ErrorCode::Format, SuitDecoder::tr("a dependency must be component-index => map"), at(e.key));
            const CborValue *prefix = e.value.find(1);
            m.dependencies.insert(*index, prefix ? CborEncoder::encode(*prefix) : QByteArray());
        }
    }
    if (const CborValue *shared = common->find(4)) {
        auto seq = commands.sequence(*shared);
        if (!seq)
            return std::unexpected(seq.error());
        m.sharedSequence = std::move(*seq);
    }
    return {};
}

static Status decodeSeverable(SuitManifest &m, const SuitEnvelope &env, const SuitCommandDecoder &commands,
                              qint64 key, const CborValue &member)
{
    SuitSeverable s;
    const CborValue *content = nullptr;
    if (member.isBytes()) {
        s.inManifest = true;
        content = &member;
    } else {
        auto digest = SuitDigest::fromCbor(member);
        if (!digest)
            return fail(ErrorCode::Format, SuitDecoder::tr("%1 must be a byte string or a SUIT_Digest of the severed member")
                                               .arg(suitNames::manifestMember(key)), at(member));
        s.digest = *digest;
    }
    if (const auto it = env.severedMembers.constFind(key); it != env.severedMembers.constEnd()) {
        s.presentInEnvelope = true;
        s.severedBytes = it->rawIn(env.bytes);
        if (!content)
            content = &*it;
    }
    if (content) {
        if (key == 16 || key == 20) {
            auto seq = commands.sequence(*content);
            if (!seq)
                return std::unexpected(seq.error());
            m.sequences.insert(key, std::move(*seq));
        } else {
            auto value = CborDecoder::decodeEmbedded(env.bytes, *content);
            if (!value)
                return std::unexpected(value.error());
            if (key == 23)
                m.text = *value;
            s.value = std::move(*value);
        }
    }
    m.severable.insert(key, std::move(s));
    return {};
}

Result<SuitManifest> SuitDecoder::decodeManifest(const SuitEnvelope &envelope)
{
    const SuitCommandDecoder commands(envelope.bytes);
    const CborValue &bstr = envelope.manifestBstrValue;
    auto value = CborDecoder::decodeEmbedded(envelope.bytes, bstr);
    if (!value)
        return std::unexpected(value.error());
    const CborValue *map = &*value;
    if (value->isTag() && value->tag() == ManifestTag)
        map = &value->tagContent();
    if (!map->isMap())
        return fail(ErrorCode::Format, tr("the manifest must be a map"), at(*map));
    SuitManifest m;
    m.raw = *map;
    for (const CborMapEntry &e : map->entries()) {
        const auto key = e.key.toInt64();
        if (!key)
            return fail(ErrorCode::Format, tr("manifest keys must be integers"), at(e.key));
        const CborValue &v = e.value;
        switch (*key) {
        case 1:
            if (!v.toUnsigned())
                return fail(ErrorCode::Format, tr("manifest-version must be an unsigned integer"), at(v));
            m.version = *v.toUnsigned();
            break;
        case 2:
            if (!v.toUnsigned())
                return fail(ErrorCode::Format, tr("manifest-sequence-number must be an unsigned integer"), at(v));
            m.sequenceNumber = *v.toUnsigned();
            break;
        case 3:
            if (auto ok = decodeCommon(m, commands, envelope.bytes, v); !ok)
                return std::unexpected(ok.error());
            break;
        case 4:
            if (!v.isText())
                return fail(ErrorCode::Format, tr("reference-uri must be a text string"), at(v));
            m.referenceUri = v.text();
            break;
        case 7: case 8: case 9: case 15: case 18: case 24: {
            auto seq = commands.sequence(v);
            if (!seq)
                return std::unexpected(seq.error());
            m.sequences.insert(*key, std::move(*seq));
            break;
        }
        case 14: case 16: case 20: case 23:
            if (auto ok = decodeSeverable(m, envelope, commands, *key, v); !ok)
                return std::unexpected(ok.error());
            break;
        default:
            if (!suitNames::isKnownManifestKey(*key))
                m.unknownKeys.append(*key);
            break;
        }
    }
    if (const CborValue *p = findParameter(m.sharedSequence, otadeskExtension::CharacteristicsParameter)) {
        if (auto def = CharacteristicDefinition::fromParameter(*p, envelope.bytes, m.components.size()))
            m.characteristics = std::move(*def);
    }
    return m;
}

const CborValue *SuitDecoder::findParameter(const SuitSequence &sequence, qint64 key)
{
    for (const SuitCommand &c : sequence) {
        if (c.parameters) {
            for (const auto &[k, value] : c.parameters->all) {
                if (k == key)
                    return &value;
            }
        }
        for (const SuitSequence &nested : c.nested) {
            if (const CborValue *v = findParameter(nested, key))
                return v;
        }
    }
    return nullptr;
}

} // namespace otadesk::manifest
