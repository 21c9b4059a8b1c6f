package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormBodiesTest {

    static Form parse(String body) {
        return FormBodies.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String slug(Throwable e) {
        return ((ParleyException) e).type().slug();
    }

    @Test
    void decodesPlusesEscapesAndUtf8() {
        Form form = parse("username=ann%40courier.example&password=caf%C3%A9+au+lait%21&next=%2Fadmin%2Fqueue");

        assertThat(form.required("username")).isEqualTo("ann@courier.example");
        assertThat(form.required("password")).isEqualTo("café au lait!");
        assertThat(form.optional("next")).contains("/admin/queue");
        assertThat(form.optional("missing")).isEmpty();
    }

    @Test
    void keepsRepeatedKeysInOrderButRefusesThemWhereOneIsExpected() {
        Form form = parse("site=courier&site=herald&csrf=a&csrf=b");

        assertThat(form.all("site")).containsExactly("courier", "herald");
        assertThatThrownBy(() -> form.optional("csrf"))
                .satisfies(e -> assertThat(slug(e)).isEqualTo("invalid-field"))
                .hasMessageContaining("'csrf' must be sent once");
    }

    @Test
    void emptyPartsAndBareNamesAreReadAsBrowsersSendThem() {
        Form form = parse("&a=&b&&c=1=2&");

        assertThat(form.fields()).containsOnlyKeys("a", "b", "c");
        assertThat(form.all("a")).containsExactly("");
        assertThat(form.all("b")).containsExactly("");
        assertThat(form.all("c")).containsExactly("1=2");
        assertThat(parse("").fields()).isEmpty();
        assertThatThrownBy(() -> form.required("a")).hasMessageContaining("'a' is required");
    }

    @Test
    void brokenEscapesAndInvalidUtf8AreRefusedWithTheirOwnProblems() {
        for (String broken : List.of("a=%", "a=%4", "a=%zz", "a%2=x", "a=%%41")) {
            assertThatThrownBy(() -> parse(broken)).as(broken)
                    .satisfies(e -> assertThat(slug(e)).isEqualTo("bad-request"))
                    .hasMessageContaining("two hexadecimal digits");
        }
        for (String invalid : List.of("a=%C3", "a=%FF", "a=%C0%AF", "a=%ED%A0%80", "a=\u00e9")) {
            assertThatThrownBy(() -> parse(invalid)).as(invalid)
                    .satisfies(e -> assertThat(slug(e)).isEqualTo("invalid-utf8"));
        }
    }

    @Test
    void rawUtf8BytesAreAcceptedWhenValid() {
        Form form = FormBodies.parse("name=caf\u00e9".getBytes(StandardCharsets.UTF_8));

        assertThat(form.required("name")).isEqualTo("café");
    }

    @Test
    void tooManyFieldsAreRefused() {
        String body = "a=1&".repeat(FormBodies.MAX_FIELDS + 1);

        assertThatThrownBy(() -> parse(body)).hasMessageContaining("more than " + FormBodies.MAX_FIELDS + " fields");
    }

    @Test
    void onlyUtf8FormBodiesAreAccepted() {
        FormBodies.requireFormContentType("application/x-www-form-urlencoded");
        FormBodies.requireFormContentType("Application/X-WWW-Form-Urlencoded; charset=UTF-8");

        for (String type : List.of("", "application/json", "multipart/form-data; boundary=x", "text/plain",
                "application/x-www-form-urlencoded; charset=iso-8859-1")) {
            assertThatThrownBy(() -> FormBodies.requireFormContentType(type)).as(type)
                    .satisfies(e -> assertThat(slug(e)).isEqualTo("unsupported-media-type"));
        }
    }
}
