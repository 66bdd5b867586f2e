package io.github.kcpat.model;

/**
 * A value reported as exposed, waiting to be revoked: only the SHA-256 of what was sent is kept.
 *
 * @param reportedFrom the reporter's address, for the owner's event and mail
 */
public record ExposureReport(String id, String realmId, String valueHash, String reportedFrom, long receivedAt) {
}
