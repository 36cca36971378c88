using CarePortal.Web.Company;
using CarePortal.Web.Components;
using CarePortal.Web.Data;
using CarePortal.Web.Features;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Audit;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.Evidence;
using CarePortal.Web.Jobs;
using CarePortal.Web.Localization;
using CarePortal.Web.Messaging;
using CarePortal.Web.Realtime;

var builder = WebApplication.CreateBuilder(args);

// MudBlazor's CSS and blazor.web.js come from static web assets, also outside Development.
builder.WebHost.UseStaticWebAssets();

builder.Services
    .AddCompany(builder.Configuration)
    .AddCareLocalization()
    .AddCareData(builder.Configuration, builder.Environment)
    .AddCareAccounts()
    .AddCareRealtime()
    .AddCareMessaging(builder.Configuration)
    .AddCareJobs(builder.Configuration)
    .AddCareFeatures(builder.Configuration)
    .AddCareUi();

var app = builder.Build();

// An operator's command instead of the portal: the first admin of an install (README).
if (CreateAdminCommand.IsRequested(args))
{
    return await CreateAdminCommand.RunAsync(app, args);
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseRequestLocalization();
app.UseAuthentication();
app.UseCareAccounts();
app.UseAuthorization();
app.UseAntiforgery();

app.MapCareUi();
app.MapCareAccounts();
app.MapCultureSwitch();
app.MapCareRealtime();
app.MapCareJobs();
app.MapCustomerFiles();
app.MapAuditExport();
app.MapEvidence();

app.Run();
return 0;

/// <summary>Entry point, visible to the tests' host factory.</summary>
public partial class Program;
