package io.github.kcpat.docs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ExampleOutputTest {

    @Test
    void jsonShownMayLeaveFieldsOutAndStandInForTextAndNumbers() {
        String printed = "{\"id\":\"4f1c\",\"token\":\"kcpat_abc123\",\"createdAt\":1764633600,\"lastUsedAt\":null,"
                + "\"scopes\":[\"api.read\",\"api.write\"]}";
        assertNull(ExampleOutput.mismatch("json", "{\"token\":\"kcpat_…\",\"createdAt\":1,\"lastUsedAt\":null}", printed));
        assertNull(ExampleOutput.mismatch("json", "{\"scopes\":[\"api.read\",\"…\"]}", printed));
        assertNull(ExampleOutput.mismatch("json", "{\"id\":\"…\"}", printed));
    }

    @Test
    void jsonThatDiffersIsCaught() {
        String printed = "{\"active\":true,\"aud\":\"demo-api\",\"scope\":\"api.read\",\"scopes\":[\"a\",\"b\"]}";
        assertNotNull(ExampleOutput.mismatch("json", "{\"active\":false}", printed), "a boolean");
        assertNotNull(ExampleOutput.mismatch("json", "{\"aud\":[\"demo-api\",\"account\"]}", printed), "a list for a string");
        assertNotNull(ExampleOutput.mismatch("json", "{\"scope\":\"api.write\"}", printed), "a string");
        assertNotNull(ExampleOutput.mismatch("json", "{\"username\":\"alice\"}", printed), "a field not printed");
        assertNotNull(ExampleOutput.mismatch("json", "{\"scopes\":[\"a\"]}", printed), "a closed list's length");
        assertNotNull(ExampleOutput.mismatch("json", "{\"scope\":\"api.…x\"}", printed), "the text around …");
        assertNotNull(ExampleOutput.mismatch("json", "{}", "not json"), "no JSON printed");
        assertNotNull(ExampleOutput.mismatch("json", "{\"n\":1}", "{\"n\":\"1\"}"), "a string for a number");
    }

    @Test
    void textShownAppearsInOrder() {
        String printed = "HTTP/1.1 202 Accepted\ncontent-type: application/json\n\n{\"received\":1}\n";
        assertNull(ExampleOutput.mismatch("text", "HTTP/1.1 202 …\n{\"received\":1}", printed));
        assertNotNull(ExampleOutput.mismatch("text", "{\"received\":1}\nHTTP/1.1 202 …", printed), "order");
        assertNotNull(ExampleOutput.mismatch("text", "HTTP/1.1 200 …", printed), "another status");
    }
}
