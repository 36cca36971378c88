using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Web.Features.Complaints;
using Microsoft.AspNetCore.Identity;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Demo;

/// <summary>
/// The embedded default's demo data: one account per role (listed in the README), the company's
/// departments, a few customers and complaints at different steps. Seeds an empty database only.
/// </summary>
public sealed class DemoData(
    IDbContextFactory<CareDbContext> dbFactory,
    UserManager<CareUser> users,
    ComplaintService complaints)
{
    public const string Password = "CarePortal#2026";

    public sealed record Account(string UserName, string DisplayName, string Role, string? Department, bool IsHead = false);

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new("desk", "张敏", Roles.ServiceDesk, "客服部"),
        new("head", "李强", Roles.DepartmentHead, "人防部", IsHead: true),
        new("head2", "陈静", Roles.DepartmentHead, "综合部", IsHead: true),
        new("manager", "王芳", Roles.Manager, null),
        new("admin", "赵磊", Roles.Admin, null),
    ];

    private static readonly (string Name, decimal Limit)[] Departments =
        [("客服部", 1000m), ("人防部", 5000m), ("综合部", 2000m), ("财务部", 0m)];

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        db.Departments.AddRange(Departments.Select(d => new Department { Name = d.Name, AuthorityLimit = d.Limit }));
        db.Customers.AddRange(
            new Customer
            {
                Name = "星河物业管理有限公司", Kind = CustomerKind.Enterprise, Address = "深圳市南山区科技园路 18 号", Phone = "0755-86001234",
                Email = "service@xinghe-pm.example", Tier = CustomerTier.A, Segment = "物业", Tags = "重点客户,住宅", PreferredChannel = ContactChannel.Visit,
                Contacts = [new CustomerContact { Name = "周建国", Title = "总经理", Phone = "13600001111", Birthday = new YearlyDate(DateCalendar.Lunar, 8, 15) }],
            },
            new Customer
            {
                Name = "华安银行南山支行", Kind = CustomerKind.Enterprise, Address = "深圳市南山区南海大道 2001 号", Phone = "0755-26605678",
                Email = "nanshan@huaan-bank.example", Tier = CustomerTier.A, Segment = "银行", Tags = "押运,重点客户", PreferredChannel = ContactChannel.Email,
                Contacts = [new CustomerContact { Name = "林晓", Title = "行长", Phone = "13700002222", Birthday = new YearlyDate(DateCalendar.Solar, 2, 29) }],
            },
            new Customer
            {
                Name = "绿地花园业主委员会", Kind = CustomerKind.Enterprise, Address = "深圳市福田区景田路 66 号", Phone = "13800138000",
                Tier = CustomerTier.B, Segment = "物业", Tags = "住宅", PreferredChannel = ContactChannel.WeChat,
            },
            new Customer
            {
                Name = "陈先生", Kind = CustomerKind.Individual, Address = "深圳市罗湖区东门北路 9 号", Phone = "13912345678",
                Tier = CustomerTier.C, Segment = "个人", PreferredChannel = ContactChannel.Phone, GreetingOptOut = true,
                Birthday = new YearlyDate(DateCalendar.Lunar, 6, 10, LeapMonth: true, Year: 1960),
            });
        await db.SaveChangesAsync(cancellationToken);
        var departmentIds = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id, cancellationToken);

        var actors = new Dictionary<string, Actor>();
        foreach (var account in Accounts)
        {
            int? departmentId = account.Department is null ? null : departmentIds[account.Department];
            var user = new CareUser { UserName = account.UserName, DisplayName = account.DisplayName, DepartmentId = departmentId };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, account.Role));
            if (account.IsHead)
            {
                await db.Departments.Where(d => d.Id == departmentId)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.HeadUserId, user.Id), cancellationToken);
            }

            var limit = account.Department is null ? 0 : Departments.Single(d => d.Name == account.Department).Limit;
            actors[account.UserName] = new Actor(user.Id, user.DisplayName, new HashSet<string> { account.Role }, departmentId, limit);
        }

        // The manager looks after the tier-A customers: she sees their personal data in full.
        await db.Customers.Where(c => c.Tier == CustomerTier.A)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AccountManagerId, actors["manager"].UserId), cancellationToken);

        await SeedComplaintsAsync(db, actors, departmentIds["人防部"], cancellationToken);
        return true;
    }

    private async Task SeedComplaintsAsync(CareDbContext db, Dictionary<string, Actor> actors, int operations, CancellationToken cancellationToken)
    {
        var customers = await db.Customers.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var desk = actors["desk"];
        var head = actors["head"];

        async Task<int> Register(Customer customer, ComplaintChannel channel, ComplaintClass complaintClass, ComplaintType type, string reason, string request, decimal? claimed = null, string unjustified = "")
        {
            var intake = new ComplaintIntake
            {
                CustomerId = customer.Id,
                CustomerName = customer.Name,
                CustomerAddress = customer.Address,
                CustomerPhone = customer.Phone,
                Channel = channel,
                Class = complaintClass,
                Type = type,
                Reason = reason,
                CustomerRequest = request,
                AmountClaimed = claimed,
                UnjustifiedReason = unjustified,
            };
            var result = await complaints.RegisterAsync(intake, desk, cancellationToken);
            return result.Complaint!.Id;
        }

        async Task Step(int id, Actor actor, ComplaintCommand command)
        {
            var refusal = await complaints.ApplyAsync(id, command, actor, cancellationToken);
            if (refusal is not null)
            {
                throw new InvalidOperationException($"Demo step {command.Action} refused: {refusal.Code}");
            }
        }

        await Register(customers[0], ComplaintChannel.Phone, ComplaintClass.General, ComplaintType.StaffConduct,
            "夜班保安在岗位上睡觉,访客登记无人处理。", "更换该队员并加强夜间巡查。");

        var confirmed = await Register(customers[1], ComplaintChannel.Email, ComplaintClass.FeeDeduction, ComplaintType.Fees,
            "押运车辆迟到两小时,影响营业。", "按合同扣除当月部分服务费。", claimed: 3000m);
        await Step(confirmed, desk, new ComplaintCommand(ComplaintAction.Confirm));

        var dispatched = await Register(customers[2], ComplaintChannel.WeChat, ComplaintClass.General, ComplaintType.ServiceQuality,
            "小区东门岗亭无人值守,外来车辆随意进出。", "恢复东门 24 小时值守。");
        await Step(dispatched, desk, new ComplaintCommand(ComplaintAction.Confirm));
        await Step(dispatched, desk, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations });

        var investigating = await Register(customers[3], ComplaintChannel.WalkIn, ComplaintClass.Unjustified, ComplaintType.Other,
            "要求保安代为搬运私人物品被拒绝。", "向其道歉。", unjustified: "搬运私人物品不属于合同服务范围。");
        await Step(investigating, desk, new ComplaintCommand(ComplaintAction.Confirm));
        await Step(investigating, desk, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations });
        await Step(investigating, head, new ComplaintCommand(ComplaintAction.StartInvestigation));

        var proposed = await Register(customers[0], ComplaintChannel.OnlineForm, ComplaintClass.General, ComplaintType.SafetyIncident,
            "地下车库照明损坏一周未修复,存在安全隐患。", "尽快修复并加强巡逻。");
        await Step(proposed, desk, new ComplaintCommand(ComplaintAction.Confirm));
        await Step(proposed, desk, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations });
        await Step(proposed, head, new ComplaintCommand(ComplaintAction.StartInvestigation));
        await Step(proposed, head, new ComplaintCommand(ComplaintAction.ProposeResolution)
        {
            Cause = "巡逻记录未上报设施故障。",
            CauseCodeId = await db.CauseCodes.Where(c => c.Name == "维修不及时").Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken),
            ResponsiblePerson = "车库岗队长 刘洋",
            Measures = "当日联系物业维修,车库增加每两小时一次巡逻。",
        });
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
