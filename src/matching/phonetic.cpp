#include "matching/phonetic.hpp"

namespace ofpra::matching {
namespace {

bool vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y'; }

}  // namespace

std::string skeleton(std::string_view t) {
  // First the digraphs and letters that transliterations write differently for one sound.
  std::string s;
  s.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    if ((c == 'P' && next == 'H')) {
      s += 'V';
      ++i;
    } else if ((c == 'K' || c == 'G' || c == 'T' || c == 'D' || c == 'S' || c == 'Z') && next == 'H') {
      // GH/G, TH/T, DH/D; KH is written H as often as K (KHALIL, HALIL), so it joins the H
      // below; SH, ZH and CH are the "sh" family.
      if (c == 'K')
        s += s.empty() ? "H" : "";
      else
        s += (c == 'S' || c == 'Z') ? 'S' : c;
      ++i;
    } else if (c == 'C' && next == 'H') {
      s += 'S';
      ++i;
    } else if ((c == 'T' || c == 'D') && (next == 'S' || next == 'Z')) {
      s += c == 'D' && next == 'Z' ? 'J' : 'S';  // TSEHAYE / SEHAYE; DZH / J
      ++i;
    } else if (c == 'D' && next == 'J') {
      s += 'J';
      ++i;
    } else if (c == 'C' && next == 'K') {
      s += 'K';
      ++i;
    } else {
      switch (c) {
        case 'Q':
        case 'C':
          s += 'K';
          break;
        case 'X':
          s += "KS";
          break;
        case 'Z':
          s += 'S';
          break;
        case 'W':
        case 'F':
          s += 'V';  // IVANOFF / IVANOV, KADYROFF / KADYROV; W as in WALI / VALI
          break;
        case 'H':
          // Inside a name H comes and goes (MOHAMED, MOUHAMED; AHMAD, AMAD); at its start it
          // tells HALIL from ALI.
          if (s.empty()) s += 'H';
          break;
        default:
          s += c;
      }
    }
  }
  // Then vowels go (a leading vowel is kept as one mark) and doubled consonants collapse.
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (vowel(c)) {
      if (i == 0) out += 'A';
      continue;
    }
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
}

}  // namespace ofpra::matching
