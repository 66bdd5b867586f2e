package io.github.kcpat.access;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.ClientPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.RolePermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.UserPermissionEvaluator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may hold a bot token's secret: as an admin would try to get a token stronger than themselves. */
class BotTokenRuleTest {

    private static final ClientModel CI_CLIENT = Fake.of(ClientModel.class, "ci").with("getClientId", "ci").build();
    private static final RealmModel REALM = Fake.of(RealmModel.class, "acme")
            .answer("getClientById", args -> "ci-uuid".equals(args[0]) ? CI_CLIENT : null)
            .build();

    private static RoleModel role(String name, RoleModel... composites) {
        return Fake.of(RoleModel.class, name)
                .with("getName", name)
                .with("isComposite", composites.length > 0)
                .answer("getCompositesStream", args -> Stream.of(composites))
                .build();
    }

    private static GroupModel group(GroupModel parent, RoleModel... roles) {
        return Fake.of(GroupModel.class, "group")
                .answer("getRoleMappingsStream", args -> Stream.of(roles))
                .with("getParentId", parent == null ? null : "parent-id")
                .with("getParent", parent)
                .build();
    }

    private static UserModel bot(List<GroupModel> groups, RoleModel... roles) {
        return Fake.of(UserModel.class, "service-account-ci")
                .with("getServiceAccountClientLink", "ci-uuid")
                .answer("getRoleMappingsStream", args -> Stream.of(roles))
                .answer("getGroupsStream", args -> groups.stream())
                .build();
    }

    private static UserModel admin(Set<RoleModel> held) {
        return Fake.of(UserModel.class, "admin").answer("hasRole", args -> held.contains(args[0])).build();
    }

    /** An admin who holds the given roles, may grant the given ones, and may or may not manage the client and user. */
    private static AdminPermissionEvaluator auth(boolean manageClient, boolean manageUsers, Set<RoleModel> held,
                                                 Set<RoleModel> grantable) {
        ClientPermissionEvaluator clients = Fake.of(ClientPermissionEvaluator.class, "clients")
                .answer("canManage", args -> manageClient).build();
        UserPermissionEvaluator users = Fake.of(UserPermissionEvaluator.class, "users")
                .answer("canManage", args -> manageUsers).build();
        RolePermissionEvaluator roles = Fake.of(RolePermissionEvaluator.class, "roles")
                .answer("canMapRole", args -> grantable.contains(args[0])).build();
        AdminAuth adminAuth = new AdminAuth(REALM, new AccessToken(), admin(held), null);
        return Fake.of(AdminPermissionEvaluator.class, "auth")
                .with("clients", clients)
                .with("users", users)
                .with("roles", roles)
                .with("adminAuth", adminAuth)
                .build();
    }

    private static AdminPermissionEvaluator manager(Set<RoleModel> held, Set<RoleModel> grantable) {
        return auth(true, true, held, grantable);
    }

    private static Refusal assertRefused(AdminPermissionEvaluator auth, UserModel bot) {
        Refusal refusal = assertThrows(Refusal.class, () -> BotTokenRule.require(auth, CI_CLIENT, bot));
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.kind());
        assertEquals("access_denied", refusal.error());
        return refusal;
    }

    @Nested
    class WhoseToken {

        @Test
        void aServiceAccountsTokenIsItsClients() {
            assertSame(CI_CLIENT, BotTokenRule.botClientOf(REALM, bot(List.of())));
        }

        @Test
        void aPersonsTokenIsNeverHandedToAnAdmin() {
            UserModel person = Fake.of(UserModel.class, "alice").with("getServiceAccountClientLink", null).build();
            Refusal refusal = assertThrows(Refusal.class, () -> BotTokenRule.botClientOf(REALM, person));
            assertEquals(Refusal.Kind.FORBIDDEN, refusal.kind());
            assertEquals("access_denied", refusal.error());
        }

        @Test
        void aServiceAccountOfAClientThatIsGoneIsRefused() {
            UserModel orphan = Fake.of(UserModel.class, "orphan").with("getServiceAccountClientLink", "gone-uuid").build();
            Refusal refusal = assertThrows(Refusal.class, () -> BotTokenRule.botClientOf(REALM, orphan));
            assertEquals(Refusal.Kind.FORBIDDEN, refusal.kind());
        }
    }

    @Nested
    class WhoMayHoldIt {

        @Test
        void anAdminWhoManagesBothAndHoldsOrMayGrantEveryRole() {
            RoleModel read = role("read");
            RoleModel deploy = role("deploy");
            UserModel bot = bot(List.of(), read, deploy);
            assertDoesNotThrow(() -> BotTokenRule.require(manager(Set.of(read), Set.of(deploy)), CI_CLIENT, bot));
            assertDoesNotThrow(() -> BotTokenRule.require(manager(Set.of(read, deploy), Set.of()), CI_CLIENT, bot));
            assertDoesNotThrow(() -> BotTokenRule.require(manager(Set.of(), Set.of(read, deploy)), CI_CLIENT, bot));
        }

        @Test
        void aServiceAccountWithoutRolesNeedsOnlyTheManagement() {
            assertDoesNotThrow(() -> BotTokenRule.require(manager(Set.of(), Set.of()), CI_CLIENT, bot(List.of())));
        }

        @Test
        void notManagingTheClientIsRefused() {
            Refusal refusal = assertRefused(auth(false, true, Set.of(), Set.of()), bot(List.of()));
            assertTrue(refusal.getMessage().contains("'ci'"), refusal.getMessage());
        }

        @Test
        void notManagingTheServiceAccountUserIsRefused() {
            Refusal refusal = assertRefused(auth(true, false, Set.of(), Set.of()), bot(List.of()));
            assertTrue(refusal.getMessage().contains("manage-users"), refusal.getMessage());
        }

        @Test
        void aRoleTheAdminNeitherHoldsNorMayGrantIsRefusedAndNamed() {
            RoleModel read = role("read");
            RoleModel admin = role("realm-admin");
            Refusal refusal = assertRefused(manager(Set.of(read), Set.of()), bot(List.of(), read, admin));
            assertTrue(refusal.getMessage().contains("'realm-admin'"), refusal.getMessage());
        }

        @Test
        void aRoleReachedOnlyThroughACompositeCounts() {
            RoleModel view = role("view");
            RoleModel manageUsers = role("manage-users");
            RoleModel bundle = role("ops", view, manageUsers);
            // holding the composite's other parts, and being allowed to grant the composite, does not cover manage-users
            Refusal refusal = assertRefused(manager(Set.of(view), Set.of(bundle)), bot(List.of(), bundle));
            assertTrue(refusal.getMessage().contains("'manage-users'"), refusal.getMessage());
        }

        @Test
        void aRoleReachedOnlyThroughAGroupCounts() {
            RoleModel secret = role("secret-reader");
            Refusal refusal = assertRefused(manager(Set.of(), Set.of()), bot(List.of(group(null, secret))));
            assertTrue(refusal.getMessage().contains("'secret-reader'"), refusal.getMessage());
        }

        @Test
        void aRoleReachedOnlyThroughAParentGroupCounts() {
            RoleModel secret = role("secret-reader");
            GroupModel parent = group(null, secret);
            Refusal refusal = assertRefused(manager(Set.of(), Set.of()), bot(List.of(group(parent))));
            assertTrue(refusal.getMessage().contains("'secret-reader'"), refusal.getMessage());
        }

        @Test
        void everyRoleReachedIsCoveredWhenTheAdminHoldsThemAll() {
            RoleModel view = role("view");
            RoleModel manageUsers = role("manage-users");
            RoleModel bundle = role("ops", view, manageUsers);
            RoleModel secret = role("secret-reader");
            UserModel bot = bot(List.of(group(group(null, secret))), bundle);
            assertDoesNotThrow(() -> BotTokenRule.require(manager(Set.of(bundle, view, manageUsers, secret), Set.of()),
                    CI_CLIENT, bot));
        }
    }
}
