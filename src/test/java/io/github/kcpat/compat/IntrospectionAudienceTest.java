package io.github.kcpat.compat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntrospectionAudienceTest {

    @Test
    void theIntrospectingClientMustBeInTheAudience() {
        assertTrue(IntrospectionAudience.allows("rs", null, new String[] {"other", "rs"}));
        assertFalse(IntrospectionAudience.allows("rs", null, new String[] {"other"}));
        assertFalse(IntrospectionAudience.allows("rs", null, null));
        assertFalse(IntrospectionAudience.allows("rs", null, new String[0]));
        assertFalse(IntrospectionAudience.allows("rs", "false", new String[] {"RS"}), "client ids are case-sensitive");
    }

    @Test
    void unlessTheClientOptsOut() {
        assertTrue(IntrospectionAudience.allows("rs", "true", null));
        assertTrue(IntrospectionAudience.allows("rs", "TRUE", new String[] {"other"}));
        assertFalse(IntrospectionAudience.allows("rs", "yes", new String[] {"other"}));
        assertFalse(IntrospectionAudience.allows("rs", "", new String[] {"other"}));
    }
}
