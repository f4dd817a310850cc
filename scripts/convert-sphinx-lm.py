#!/usr/bin/env python3
"""Convert CMU Sphinx's binary trigram model to copyedit's compact table.

    pip download pocketsphinx==5.1.1 --no-deps -d /tmp/lm   # a wheel is a zip
    unzip -j /tmp/lm/pocketsphinx-5.1.1-*.whl '*/en-us/en-us.lm.bin' -d /tmp/lm
    python3 scripts/convert-sphinx-lm.py /tmp/lm/en-us.lm.bin crates/copyedit-dict/dictionaries/trigrams.bin
    python3 scripts/convert-sphinx-lm.py /tmp/lm/en-us.lm.bin --dump OUT.txt   # for checking

Reads the "Trie Language Model" layout of pocketsphinx (src/lm/
ngram_model_trie.c, lm_trie.c, lm_trie_quant.c, bitarr.c; BSD-2, CMU):

    "Trie Language Model", order (u8), counts (u32 x order), quantization
    type (i32), 3 x 65,536 f32 bins (middle prob, middle back-off, last
    prob), unigrams (f32 prob, f32 back-off, u32 next) x (count + 1),
    bigrams bit-packed (word, 16-bit back-off bin, 16-bit prob bin, next),
    trigrams bit-packed (word, 16-bit prob bin), i32 length, the words
    NUL-separated.

The trie is keyed by the predicted word: a unigram's children are the words
before it, a bigram's children the words before those. Values are log10
probabilities (the file may hold them in log base 1.0001: converted).

The output (read by crates/copyedit-dict/src/formats/lm.rs at build time; all integers
little-endian):

    b"CETRIGR1"
    u32 words, u32 bigrams, u32 trigrams
    f32 x 256 bigram log10-probability bins, f32 x 256 bigram back-off bins,
    f32 x 256 trigram log10-probability bins
    u32 byte length, then the words NUL-separated, in byte order (a word's
    id is its index)
    per word: i16 log10 probability x 1000, i16 back-off x 1000
    per predicted word, in id order: varint number of bigrams; per bigram
    (by the earlier word's id): varint id gap from the previous one (the
    first from 0), u8 prob bin, u8 back-off bin, varint number of
    trigrams; per trigram (by the first word's id): varint id gap, u8
    prob bin.

Probabilities are re-quantized to 256 bins each (equal-count bins over the
values, each bin the mean of its values): the error is a few hundredths of
a log10 unit in the body of the distribution.
"""
import math
import struct
import sys


def req_bits(v):
    return 0 if v == 0 else v.bit_length()


def read_model(path):
    b = open(path, "rb").read()
    hdr = b"Trie Language Model"
    assert b[: len(hdr)] == hdr, "not a Sphinx trie model"
    p = len(hdr)
    order = b[p]
    p += 1
    assert order == 3, order
    counts = list(struct.unpack_from("<3I", b, p))
    p += 12
    p += 4  # quantization type
    nb = 1 << 16
    bins = struct.unpack_from("<%df" % (3 * nb), b, p)
    p += 3 * nb * 4
    mid_prob_bins, mid_bo_bins, long_prob_bins = bins[:nb], bins[nb : 2 * nb], bins[2 * nb :]
    n1 = counts[0]
    ug = [struct.unpack_from("<ffI", b, p + 12 * i) for i in range(n1 + 1)]
    p += 12 * (n1 + 1)
    wbits = req_bits(counts[0])
    nbits = req_bits(counts[2])
    mid_total = wbits + 32 + nbits
    mid_size = ((1 + counts[1]) * mid_total + 7) // 8 + 8
    long_total = wbits + 16
    long_size = ((1 + counts[2]) * long_total + 7) // 8 + 8
    mid = b[p : p + mid_size]
    p += mid_size
    lng = b[p : p + long_size]
    p += long_size
    (k,) = struct.unpack_from("<i", b, p)
    p += 4
    words = [w.decode("utf-8") for w in b[p : p + k].split(b"\0")[:n1]]
    assert len(words) == n1 and p + k == len(b)

    def bits(mem, off, n):
        v = int.from_bytes(mem[off >> 3 : (off >> 3) + 8], "little")
        return (v >> (off & 7)) & ((1 << n) - 1)

    wmask = (1 << wbits) - 1
    nmask = (1 << nbits) - 1
    n2 = ug[-1][2]
    bigrams = []  # (word, prob bin index, bo bin index, next)
    for j in range(n2 + 1):
        off = j * mid_total
        v = int.from_bytes(mid[off >> 3 : (off >> 3) + 10], "little") >> (off & 7)
        word = v & wmask
        q = (v >> wbits) & 0xFFFFFFFF
        nxt = (v >> (wbits + 32)) & nmask
        bigrams.append((word, q >> 16, q & 0xFFFF, nxt))
    n3 = bigrams[n2][3]
    trigrams = []
    for j in range(n3):
        off = j * long_total
        v = bits(lng, off, long_total)
        trigrams.append((v & wmask, v >> wbits))
    the = words.index("the")
    scale = math.log10(1.0001) if ug[the][0] < -100 else 1.0
    return {
        "words": words,
        "uni": [(pr * scale, bo * scale) for pr, bo, _ in ug[:n1]],
        "uni_next": [u[2] for u in ug],
        "bigrams": bigrams,  # n2 + 1: the last holds the end of the trigrams
        "trigrams": trigrams,
        "mid_prob": [x * scale for x in mid_prob_bins],
        "mid_bo": [x * scale for x in mid_bo_bins],
        "long_prob": [x * scale for x in long_prob_bins],
    }


def ngrams(m):
    """(w3, [(w2, prob, bo, [(w1, prob)])]) per predicted word, in log10."""
    bi, tri = m["bigrams"], m["trigrams"]
    un = m["uni_next"]
    for w in range(len(m["words"])):
        kids = []
        for j in range(un[w], un[w + 1]):
            word, qp, qb, nxt = bi[j]
            end = bi[j + 1][3]
            tris = [(tw, m["long_prob"][tq]) for tw, tq in tri[nxt:end]]
            kids.append((word, m["mid_prob"][qp], m["mid_bo"][qb], tris))
        yield w, kids


def quantizer(values, n=256):
    """Equal-count bins: (centres, encode)."""
    vs = sorted(values)
    per = len(vs) / n
    centres, bounds = [], []
    for i in range(n):
        chunk = vs[int(i * per) : max(int((i + 1) * per), int(i * per) + 1)]
        centres.append(sum(chunk) / len(chunk))
        bounds.append(chunk[-1])
    import bisect

    def encode(x):
        i = min(bisect.bisect_left(bounds, x), n - 1)
        # nearest of the neighbouring centres
        best = min((j for j in (i - 1, i, i + 1) if 0 <= j < n), key=lambda j: abs(centres[j] - x))
        return best

    return centres, encode


def varint(out, v):
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def write_table(m, path):
    words = m["words"]
    order = sorted(range(len(words)), key=lambda i: words[i].encode())
    assert order == list(range(len(words))), "words not in byte order"
    data = list(ngrams(m))
    bp = [p for _, kids in data for _, p, _, _ in kids]
    bb = [b for _, kids in data for _, _, b, _ in kids]
    tp = [p for _, kids in data for *_, tris in kids for _, p in tris]
    bpc, bpe = quantizer(bp)
    bbc, bbe = quantizer(bb)
    tpc, tpe = quantizer(tp)
    out = bytearray(b"CETRIGR1")
    out += struct.pack("<3I", len(words), len(bp), len(tp))
    out += struct.pack("<768f", *bpc, *bbc, *tpc)
    blob = b"\0".join(w.encode() for w in words)
    out += struct.pack("<I", len(blob)) + blob
    for pr, bo in m["uni"]:
        q = lambda x: max(-32000, min(32000, round(x * 1000)))
        out += struct.pack("<hh", q(pr), q(bo))
    body = bytearray()
    for _, kids in data:
        varint(body, len(kids))
        prev = 0
        kids = sorted(kids, key=lambda k: k[0])
        for word, p, b, tris in kids:
            assert word >= prev
            varint(body, word - prev)
            prev = word
            body.append(bpe(p))
            body.append(bbe(b))
            varint(body, len(tris))
            tprev = 0
            for tw, tpv in sorted(tris):
                assert tw >= tprev
                varint(body, tw - tprev)
                tprev = tw
                body.append(tpe(tpv))
    out += body
    open(path, "wb").write(out)
    print(
        "words %d bigrams %d trigrams %d -> %d bytes" % (len(words), len(bp), len(tp), len(out)),
        file=sys.stderr,
    )


def dump(m, path):
    w = m["words"]
    with open(path, "w") as f:
        for i, (pr, bo) in enumerate(m["uni"]):
            f.write("1\t%.4f\t%s\t%.4f\n" % (pr, w[i], bo))
        for w3, kids in ngrams(m):
            for w2, p, b, tris in kids:
                f.write("2\t%.4f\t%s %s\t%.4f\n" % (p, w[w2], w[w3], b))
                for w1, tpv in tris:
                    f.write("3\t%.4f\t%s %s %s\n" % (tpv, w[w1], w[w2], w[w3]))


def main():
    model = read_model(sys.argv[1])
    if sys.argv[2] == "--dump":
        dump(model, sys.argv[3])
    else:
        write_table(model, sys.argv[2])


if __name__ == "__main__":
    main()
