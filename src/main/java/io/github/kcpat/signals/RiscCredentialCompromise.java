package io.github.kcpat.signals;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.ssf.event.SsfEvent;
import org.keycloak.ssf.event.SsfEventValidationException;

/**
 * RISC credential-compromise (OpenID RISC Event Types 1.0, section 2.7): the subject's credential was compromised.
 * Keycloak's transmitter knows the type only where its own registry has it; {@link CredentialCompromiseEvents} adds
 * it elsewhere.
 */
public class RiscCredentialCompromise extends SsfEvent {

    public static final String TYPE = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";

    @JsonProperty("credential_type")
    private String credentialType;

    public RiscCredentialCompromise() {
        super(TYPE);
    }

    public String getCredentialType() {
        return credentialType;
    }

    public void setCredentialType(String credentialType) {
        this.credentialType = credentialType;
    }

    @Override
    public void validate() {
        super.validate();
        if (credentialType == null || credentialType.isBlank()) {
            throw new SsfEventValidationException(getAlias(), "credential_type");
        }
    }
}
