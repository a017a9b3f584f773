/* unitpress search index codes: how the parts of the course's search index are read back.
   The build writes them (src/search/postings.rs, src/search/text.rs): numbers as Elias gamma
   and Rice codes in 6-bit characters, postings kind by kind, texts in a canonical Huffman code
   against the course's vocabulary. search-results.js and search-index.js, loaded after this,
   read the parts with these. */
(function () {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = [];
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  /* Reads a code: 6 bits a character, least significant first. Values fit in 24 bits. The bits
     not read yet wait in `buf` (`have` of them, at most 30), so that a run of equal bits is
     found at once by counting trailing zeros rather than bit by bit. Methods of a prototype
     rather than closures made per code: one shape for every reader, which the engine can
     inline into the loops that call them. */
  function BitReader(code) {
    this.code = code;
    this.pos = 0;
    this.buf = 0;
    this.have = 0;
  }
  BitReader.prototype.fill = function () {
    var code = this.code, end = code.length;
    while (this.have <= 24 && this.pos < end) {
      this.buf |= DIGIT_VALUE[code.charCodeAt(this.pos++)] << this.have;
      this.have += 6;
    }
  };
  BitReader.prototype.bits = function (width) {
    if (this.have < width) this.fill();
    var v = this.buf & ((1 << width) - 1);
    this.buf >>>= width;
    this.have -= width;
    return v;
  };
  BitReader.prototype.bit = function () { return this.bits(1); };
  /* How many bits equal to `b` come before the first other one, which is read too. */
  BitReader.prototype.run = function (b) {
    var n = 0;
    for (;;) {
      if (this.have < 25) this.fill();
      var x = (b ? ~this.buf : this.buf) & ((1 << this.have) - 1);
      if (x) {
        var c = 31 - Math.clz32(x & -x);
        this.buf >>>= c + 1;
        this.have -= c + 1;
        return n + c;
      }
      n += this.have;
      this.buf = 0;
      this.have = 0;
      if (this.pos >= this.code.length) throw new Error("the search index is damaged");
    }
  };
  BitReader.prototype.gamma = function () {
    var zeros = this.run(0);
    return (1 << zeros) | this.bits(zeros);
  };
  BitReader.prototype.rice = function (k) {
    var q = this.run(1);
    return (q << k) | this.bits(k);
  };

  /* Reads Rice codes of parameter `k` from `code` for documents start..end, each a field's
     length, and puts its norm (1 / sqrt(length), as elasticlunr works it out; 1 for an empty
     field) in `out`. The reader's steps are written out in one loop: on a page's first search
     this loop runs some 200,000 times before V8 has optimised anything, and a call per step
     made it the largest part of the search. */
  function riceNorms(code, k, out, start, end) {
    var pos = 0, buf = 0, have = 0, len = code.length, mask = (1 << k) - 1;
    for (var doc = start; doc < end; doc++) {
      var q = 0, x;
      for (;;) {
        while (have <= 24 && pos < len) { buf |= DIGIT_VALUE[code.charCodeAt(pos++)] << have; have += 6; }
        x = ~buf & ((1 << have) - 1);
        if (x) break;
        if (pos >= len) throw new Error("the search index is damaged");
        q += have; buf = 0; have = 0;
      }
      var c = 31 - Math.clz32(x & -x);
      q += c;
      buf >>>= c + 1;
      have -= c + 1;
      if (have < k) { while (have <= 24 && pos < len) { buf |= DIGIT_VALUE[code.charCodeAt(pos++)] << have; have += 6; } }
      var length = (q << k) | (buf & mask);
      buf >>>= k;
      have -= k;
      out[doc] = length != 0 ? 1 / Math.sqrt(length) : 1;
    }
  }

  /* The Rice parameter of a term in n of `documents` documents, as the build works it out. */
  function riceParameter(n, documents) {
    var k = 0;
    while (n && n * (2 << k) * 10 <= documents * 9) k++;
    return k;
  }

  /* One term's postings in one field: its documents and the term's count in each, kind by
     kind (src/search/postings.rs), each kind's documents numbered among those of its kind,
     which `classes` maps back to documents: per kind, its documents ascending. In each kind the
     documents come first, then those whose count is not 1, with their counts. The kinds' lists
     are left one after the other, not merged: nothing the ranking adds up depends on the order
     of a term's documents. */
  function decodePostings(code, classes, scratch) {
    var read = new BitReader(code), docs = scratch.docs, counts = scratch.counts, total = 0, i;
    for (var c = 0; c < classes.length; c++) {
      var n = read.gamma() - 1;
      if (!n) continue;
      var global = classes[c], k = riceParameter(n, global.length), local = 0;
      for (i = total; i < total + n; i++) {
        local += read.rice(k);
        docs[i] = global[local];
        counts[i] = 1;
        local++;
      }
      var more = read.gamma() - 1;
      k = riceParameter(more, n);
      for (var j = 0, next = total; j < more; j++) {
        i = next + read.rice(k);
        counts[i] = read.gamma() + 1;
        next = i + 1;
      }
      total += n;
    }
    return { docs: docs.slice(0, total), counts: counts.slice(0, total) };
  }

  /* One code of the result data's vocabulary (src/search/text.rs): [symbols, lengths], the
     symbols after the end (0) and the escape (1), the length of each symbol's code as a digit.
     The codes are canonical: rebuilt from the lengths, shorter first, each length's in order. */
  var END = 0, ESCAPE = 1;
  function textCode(table) {
    var lengths = table[1], n = lengths.length, of = new Uint8Array(n), count = [], s, len;
    for (s = 0; s < n; s++) {
      len = of[s] = DIGIT_VALUE[lengths.charCodeAt(s)];
      count[len] = (count[len] || 0) + 1;
    }
    // Symbols by length, each length's in order: a counting sort, one pass over the symbols.
    var at = [], sorted = new Array(n - (count[0] || 0));
    for (len = 1, s = 0; len < count.length; len++) { at[len] = s; s += count[len] || 0; }
    for (s = 0; s < n; s++) if (of[s]) sorted[at[of[s]]++] = s;
    // Per symbol, once first read: 1 if it is a word, 2 if not.
    return { symbols: table[0], count: count, sorted: sorted, words: new Uint8Array(table[0].length) };
  }

  /* The next symbol of code `c`, read a bit at a time. */
  function readSymbol(read, c) {
    var code = 0, first = 0, index = 0;
    for (var len = 1; len < c.count.length; len++) {
      code |= read.bit();
      var n = c.count[len] || 0;
      if (code - n < first) return c.sorted[index + code - first];
      index += n;
      first = (first + n) << 1;
      code <<= 1;
    }
    throw new Error("the search index is damaged");
  }

  /* Rust's char::is_alphanumeric, which the build cut the runs with. */
  function isWord(run) { return /^[\p{Alphabetic}\p{N}]/u.test(run); }

  /* A text of code `c`: its runs until the end symbol, a space put back between two words. */
  function readText(read, c) {
    var out = "", prevWord = false;
    for (;;) {
      var s = readSymbol(read, c), run, word;
      if (s === END) return out;
      if (s === ESCAPE) {
        run = "";
        for (var n = read.gamma(); n > 0; n--) run += String.fromCodePoint(read.gamma() - 1);
        word = isWord(run);
      } else {
        run = c.symbols[s - 2];
        if (!c.words[s - 2]) c.words[s - 2] = isWord(run) ? 1 : 2;
        word = c.words[s - 2] === 1;
      }
      if (word && prevWord) out += " ";
      out += run;
      prevWord = word;
    }
  }

  window.UnitpressCodes = {
    BitReader: BitReader,
    riceNorms: riceNorms,
    decodePostings: decodePostings,
    textCode: textCode,
    readText: readText
  };
})();
