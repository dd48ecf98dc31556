#ifndef DOCMODELGEN_FILE_EXCHANGE_H
#define DOCMODELGEN_FILE_EXCHANGE_H

/// Atomically swaps two paths (Linux renameat2(RENAME_EXCHANGE), macOS renamex_np(RENAME_SWAP)).
/// Returns 0 on success, -1 with errno set otherwise (ENOSYS/EINVAL where unsupported).
int docmodelgen_exchange_paths(const char *first, const char *second);

#endif
