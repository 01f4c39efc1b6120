using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>The admin from configuration, the user list and role changes.</summary>
public sealed class AdminTests(AdminUsersFactory factory) : IClassFixture<AdminUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_admin_from_configuration_can_sign_in_and_create_a_catalog_category()
    {
        var tokens = await _users.SignInAsync(AdminUsersFactory.AdminEmail, AdminUsersFactory.AdminPassword);
        var admin = _users.NewClient(tokens.AccessToken);

        UsersDriver.RolesIn(tokens.AccessToken).ShouldBe(["admin", "customer"], ignoreOrder: true);
        var response = await admin.PostAsJsonAsync("/api/admin/catalog/categories", new { name = $"Admin made {Guid.NewGuid():N}" }, Ct);
        await response.ExpectStatusAsync(HttpStatusCode.Created);
        var me = await (await admin.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>();
        me.Email.ShouldBe(AdminUsersFactory.AdminEmail);
        me.Name.ShouldBe("Administrator");
    }

    [Fact]
    public async Task The_user_list_is_paged_newest_first_and_filtered_by_q_on_email_or_name()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var marker = Guid.NewGuid().ToString("N")[..12];
        var first = await _users.RegisterUserAsync($"first-{marker}@example.com", name: "First");
        var second = await _users.RegisterUserAsync(UsersDriver.UniqueEmail(), name: $"Second {marker.ToUpperInvariant()}");
        var third = await _users.RegisterUserAsync($"third-{marker}@example.com", name: "Third");

        var page1 = await (await admin.GetAsync($"{UsersDriver.AdminUsers}?q={marker}&pageSize=2", Ct)).ReadJsonAsync<PageDto<UserDto>>();
        var page2 = await (await admin.GetAsync($"{UsersDriver.AdminUsers}?q={marker}&pageSize=2&page=2", Ct)).ReadJsonAsync<PageDto<UserDto>>();

        page1.TotalCount.ShouldBe(3);
        page1.TotalPages.ShouldBe(2);
        page1.Page.ShouldBe(1);
        page1.PageSize.ShouldBe(2);
        page1.Items.Select(u => u.Id).ShouldBe([third.Id, second.Id]);
        page2.Items.Select(u => u.Id).ShouldBe([first.Id]);
        (page2.Items[0].Email, page2.Items[0].Name, page2.Items[0].CreatedAt).ShouldBe((first.Email, first.Name, first.CreatedAt));
        page2.Items[0].Roles.ShouldBe(["customer"]);
    }

    [Fact]
    public async Task The_user_list_without_q_includes_everyone_and_defaults_to_20_per_page()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var user = await _users.RegisterUserAsync();

        var page = await (await admin.GetAsync(UsersDriver.AdminUsers, Ct)).ReadJsonAsync<PageDto<UserDto>>();

        page.Page.ShouldBe(1);
        page.PageSize.ShouldBe(20);
        page.TotalCount.ShouldBeGreaterThanOrEqualTo(2);
        page.Items.ShouldContain(u => u.Id == user.Id);
        var all = await (await admin.GetAsync($"{UsersDriver.AdminUsers}?pageSize=100", Ct)).ReadJsonAsync<PageDto<UserDto>>();
        all.Items.ShouldContain(u => u.Email == AdminUsersFactory.AdminEmail);
    }

    [Fact]
    public async Task Like_wildcards_in_q_match_only_themselves()
    {
        var admin = await _users.SignInConfiguredAdminAsync();

        var percent = await (await admin.GetAsync($"{UsersDriver.AdminUsers}?q=%25", Ct)).ReadJsonAsync<PageDto<UserDto>>();
        var underscore = await (await admin.GetAsync($"{UsersDriver.AdminUsers}?q=_", Ct)).ReadJsonAsync<PageDto<UserDto>>();

        percent.TotalCount.ShouldBe(0);
        underscore.TotalCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=abc", "page")]
    public async Task Invalid_paging_is_400_naming_the_parameter(string query, string field)
    {
        var admin = _users.NewClient(TestTokens.Admin());

        var problem = await (await admin.GetAsync($"{UsersDriver.AdminUsers}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        problem.Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public async Task After_promotion_the_users_next_login_token_has_role_admin()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var user = await _users.RegisterUserAsync();
        var before = await _users.SignInAsync(user.Email);
        await (await _users.NewClient(before.AccessToken).GetAsync(UsersDriver.AdminUsers, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);

        var response = await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "Admin", "customer", "admin" } }, Ct);

        (await response.ReadJsonAsync<UserDto>()).Roles.ShouldBe(["admin", "customer"]);
        var after = await _users.SignInAsync(user.Email);
        UsersDriver.RolesIn(after.AccessToken).ShouldBe(["admin", "customer"], ignoreOrder: true);
        await (await _users.NewClient(after.AccessToken).GetAsync(UsersDriver.AdminUsers, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
        (await (await admin.GetAsync($"{UsersDriver.AdminUsers}?q={Uri.EscapeDataString(user.Email)}", Ct)).ReadJsonAsync<PageDto<UserDto>>())
            .Items.Single().Roles.ShouldBe(["admin", "customer"]);
    }

    [Fact]
    public async Task Demotion_takes_effect_with_the_next_refresh()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var user = await _users.RegisterUserAsync();
        await (await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "admin" } }, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
        var tokens = await _users.SignInAsync(user.Email);
        UsersDriver.RolesIn(tokens.AccessToken).ShouldBe(["admin"]);

        await (await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "customer" } }, Ct)).ExpectStatusAsync(HttpStatusCode.OK);

        var refreshed = await (await _users.RefreshAsync(tokens.RefreshToken)).ReadJsonAsync<TokenDto>();
        UsersDriver.RolesIn(refreshed.AccessToken).ShouldBe(["customer"]);
        await (await _users.NewClient(refreshed.AccessToken).GetAsync(UsersDriver.AdminUsers, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var me = await (await admin.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>();

        var response = await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{me.Id}/roles", new { roles = new[] { "customer" } }, Ct);

        (await response.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("users.cannot_demote_self");
        (await (await admin.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>()).Roles.ShouldContain("admin");
    }

    [Theory]
    [InlineData("{\"roles\": [\"superuser\"]}", "roles[0]")]
    [InlineData("{\"roles\": [\"customer\", \"root\"]}", "roles[1]")]
    [InlineData("{\"roles\": []}", "roles")]
    [InlineData("{\"roles\": null}", "roles")]
    [InlineData("{\"roles\": \"admin\"}", "roles")]
    [InlineData("{}", "roles")]
    [InlineData("", "body")]
    public async Task Role_change_with_an_unknown_role_or_bad_body_is_400_and_changes_nothing(string json, string field)
    {
        var user = await _users.RegisterUserAsync();
        var admin = _users.NewClient(TestTokens.Admin());

        var response = await admin.PutAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", HttpResponseExtensions.RawJson(json), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.Errors.Keys.ShouldContain(field, $"the answer named {string.Join(", ", problem.Errors.Keys)}: {problem.Json}");
        (await (await admin.GetAsync($"{UsersDriver.AdminUsers}?q={Uri.EscapeDataString(user.Email)}", Ct)).ReadJsonAsync<PageDto<UserDto>>())
            .Items.Single().Roles.ShouldBe(["customer"]);
    }

    [Fact]
    public async Task Role_change_of_an_unknown_user_is_404()
    {
        var admin = await _users.SignInConfiguredAdminAsync();

        var response = await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{Guid.NewGuid()}/roles", new { roles = new[] { "customer" } }, Ct);

        (await response.ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("users.not_found");
    }

    [Fact]
    public async Task A_demoted_admin_cannot_use_a_token_that_still_says_admin_to_change_roles()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var user = await _users.RegisterUserAsync();
        var accomplice = await _users.RegisterUserAsync();
        await (await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "admin", "customer" } }, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
        var stillSaysAdmin = _users.NewClient((await _users.SignInAsync(user.Email)).AccessToken);
        await (await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "customer" } }, Ct)).ExpectStatusAsync(HttpStatusCode.OK);

        var selfPromotion = await stillSaysAdmin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "admin", "customer" } }, Ct);
        var promoteAccomplice = await stillSaysAdmin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{accomplice.Id}/roles", new { roles = new[] { "admin" } }, Ct);

        // The token's stamp is older than the demotion: it no longer counts at all.
        await selfPromotion.ReadProblemAsync(HttpStatusCode.Unauthorized);
        await promoteAccomplice.ReadProblemAsync(HttpStatusCode.Unauthorized);
        var listed = await (await admin.GetAsync($"{UsersDriver.AdminUsers}?pageSize=100", Ct)).ReadJsonAsync<PageDto<UserDto>>();
        listed.Items.Single(u => u.Id == user.Id).Roles.ShouldBe(["customer"]);
        listed.Items.Single(u => u.Id == accomplice.Id).Roles.ShouldBe(["customer"]);
    }

    [Fact]
    public async Task A_customer_is_403_and_an_anonymous_caller_401_on_admin_endpoints()
    {
        var customer = await _users.NewCustomerAsync();
        var path = $"{UsersDriver.AdminUsers}/{customer.User.Id}/roles";
        var body = new { roles = new[] { "admin", "customer" } };

        await (await customer.Client.GetAsync(UsersDriver.AdminUsers, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await customer.Client.PutAsJsonAsync(path, body, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await _users.Anonymous.GetAsync(UsersDriver.AdminUsers, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await _users.Anonymous.PutAsJsonAsync(path, body, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        (await (await customer.Client.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>()).Roles.ShouldBe(["customer"]);
    }
}
