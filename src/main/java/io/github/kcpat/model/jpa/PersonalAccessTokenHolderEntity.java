package io.github.kcpat.model.jpa;

import io.github.kcpat.token.TokenHasher;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One row per user who has held a token: the row a token creation locks, so that concurrent creations by the same
 * user are serialised and the per-user limit and name uniqueness hold under load. Works for federated users too,
 * who have no row of their own in Keycloak's tables.
 */
@Entity
@Table(name = "PERSONAL_ACCESS_TOKEN_HOLDER")
@NamedQueries({
        @NamedQuery(name = "PersonalAccessTokenHolderEntity.deleteByUser",
                query = "delete from PersonalAccessTokenHolderEntity h where h.id = :id"),
        @NamedQuery(name = "PersonalAccessTokenHolderEntity.deleteByRealm",
                query = "delete from PersonalAccessTokenHolderEntity h where h.realmId = :realmId")
})
public class PersonalAccessTokenHolderEntity {

    /** SHA-256 (hex) of the realm's id, a colon, and the user's id. */
    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    public PersonalAccessTokenHolderEntity() {
    }

    PersonalAccessTokenHolderEntity(String realmId, String userId) {
        this.id = key(realmId, userId);
        this.realmId = realmId;
    }

    static String key(String realmId, String userId) {
        return TokenHasher.hash(realmId + ":" + userId);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }
}
