#pragma once
// The hash chain: each entry's hash covers the previous hash and every field of the entry,
// its position included, so altering, removing, inserting or reordering entries breaks it.
#include "domain/journal_entry.hpp"

#include <string>
#include <string_view>

namespace ofpra::journal {

std::string sha256_hex(std::string_view bytes);
// A stable serialisation of the entry's fields, hashes excluded.
std::string canonical(const domain::JournalEntry& entry);
// hash = SHA-256(prev_hash "\n" canonical(entry)), in hex.
std::string chain_hash(const std::string& prev_hash, const domain::JournalEntry& entry);

}  // namespace ofpra::journal
