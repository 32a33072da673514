/** The route table: every page is its own lazily loaded chunk, guarded by a capability. */
import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { dutyPath, useSession } from './session.tsx';
import { Forbidden, NotFound, PageSpinner } from './components/Status.tsx';

const LoginPage = lazy(() => import('./pages/Login.tsx').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('./pages/ChangePassword.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const TotpSetupPage = lazy(() => import('./pages/TotpSetupPage.tsx').then((m) => ({ default: m.TotpSetupPage })));
const AppLayout = lazy(() => import('./components/AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const DashboardPage = lazy(() => import('./pages/Dashboard.tsx').then((m) => ({ default: m.DashboardPage })));
const OrgsPage = lazy(() => import('./pages/Orgs.tsx').then((m) => ({ default: m.OrgsPage })));
const MembersPage = lazy(() => import('./pages/Members.tsx').then((m) => ({ default: m.MembersPage })));
const MemberDetailPage = lazy(() => import('./pages/MemberDetail.tsx').then((m) => ({ default: m.MemberDetailPage })));
const ResidentsPage = lazy(() => import('./pages/Residents.tsx').then((m) => ({ default: m.ResidentsPage })));
const ResidentDetailPage = lazy(() => import('./pages/ResidentDetail.tsx').then((m) => ({ default: m.ResidentDetailPage })));
const TeamsPage = lazy(() => import('./pages/Teams.tsx').then((m) => ({ default: m.TeamsPage })));
const ImportPage = lazy(() => import('./pages/Import.tsx').then((m) => ({ default: m.ImportPage })));
const UsersPage = lazy(() => import('./pages/Users.tsx').then((m) => ({ default: m.UsersPage })));
const SecurityPage = lazy(() => import('./pages/Security.tsx').then((m) => ({ default: m.SecurityPage })));
const AuditPage = lazy(() => import('./pages/Audit.tsx').then((m) => ({ default: m.AuditPage })));
const SchemesPage = lazy(() => import('./pages/Schemes.tsx').then((m) => ({ default: m.SchemesPage })));
const SchemeDetailPage = lazy(() => import('./pages/SchemeDetail.tsx').then((m) => ({ default: m.SchemeDetailPage })));
const LedgerPage = lazy(() => import('./pages/Ledger.tsx').then((m) => ({ default: m.LedgerPage })));
const RunsPage = lazy(() => import('./pages/Runs.tsx').then((m) => ({ default: m.RunsPage })));
const RunDetailPage = lazy(() => import('./pages/RunDetail.tsx').then((m) => ({ default: m.RunDetailPage })));
const TasksPage = lazy(() => import('./pages/Tasks.tsx').then((m) => ({ default: m.TasksPage })));
const HandbookPage = lazy(() => import('./pages/Handbook.tsx').then((m) => ({ default: m.HandbookPage })));
const BoardPage = lazy(() => import('./pages/Board.tsx').then((m) => ({ default: m.BoardPage })));
const StarsPage = lazy(() => import('./pages/Stars.tsx').then((m) => ({ default: m.StarsPage })));
const StarResultsPage = lazy(() => import('./pages/StarResults.tsx').then((m) => ({ default: m.StarResultsPage })));
const StarStandardPage = lazy(() => import('./pages/StarStandard.tsx').then((m) => ({ default: m.StarStandardPage })));
const StarApplicationPage = lazy(() => import('./pages/StarApplication.tsx').then((m) => ({ default: m.StarApplicationPage })));
const EvaluationPage = lazy(() => import('./pages/Evaluation.tsx').then((m) => ({ default: m.EvaluationPage })));
const EvaluationCampaignPage = lazy(() => import('./pages/EvaluationCampaign.tsx').then((m) => ({ default: m.EvaluationCampaignPage })));
const VotePage = lazy(() => import('./pages/Vote.tsx').then((m) => ({ default: m.VotePage })));
const VoteReceiptPage = lazy(() => import('./pages/VoteReceipt.tsx').then((m) => ({ default: m.VoteReceiptPage })));
const PublicStarsPage = lazy(() => import('./pages/PublicStars.tsx').then((m) => ({ default: m.PublicStarsPage })));
const CommitmentsPage = lazy(() => import('./pages/Commitments.tsx').then((m) => ({ default: m.CommitmentsPage })));
const PublicCommitmentsPage = lazy(() => import('./pages/PublicCommitments.tsx').then((m) => ({ default: m.PublicCommitmentsPage })));
const PostsPage = lazy(() => import('./pages/Posts.tsx').then((m) => ({ default: m.PostsPage })));
const RequestsPage = lazy(() => import('./pages/Requests.tsx').then((m) => ({ default: m.RequestsPage })));
const RequestCategoriesPage = lazy(() => import('./components/requests/CategoriesPage.tsx').then((m) => ({ default: m.RequestCategoriesPage })));
const ReviewsPage = lazy(() => import('./pages/Reviews.tsx').then((m) => ({ default: m.ReviewsPage })));
const VanguardPage = lazy(() => import('./pages/Vanguard.tsx').then((m) => ({ default: m.VanguardPage })));
const PublicRequestPage = lazy(() => import('./pages/PublicRequest.tsx').then((m) => ({ default: m.PublicRequestPage })));
const RequestTrackPage = lazy(() => import('./pages/RequestTrack.tsx').then((m) => ({ default: m.RequestTrackPage })));
const ServiceNeedsPage = lazy(() => import('./pages/ServiceNeeds.tsx').then((m) => ({ default: m.ServiceNeedsPage })));
const VolunteerPage = lazy(() => import('./pages/Volunteer.tsx').then((m) => ({ default: m.VolunteerPage })));
const ServiceConfirmPage = lazy(() => import('./pages/ServiceConfirm.tsx').then((m) => ({ default: m.ServiceConfirmPage })));
const GridWorkPage = lazy(() => import('./pages/GridWork.tsx').then((m) => ({ default: m.GridWorkPage })));
const RequestStatsPage = lazy(() => import('./pages/RequestStats.tsx').then((m) => ({ default: m.RequestStatsPage })));
const MePage = lazy(() => import('./pages/Me.tsx').then((m) => ({ default: m.MePage })));

function RequireAuth({ children, duty }: { children: ReactNode; duty?: string }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageSpinner />;
  if (!me) {
    const from = location.pathname === '/' ? '' : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  const must = dutyPath(me);
  if (must && must !== duty) return <Navigate to={must} replace />;
  return <>{children}</>;
}

function RequireCap({ cap, children }: { cap: string | string[]; children: ReactNode }) {
  const { can } = useSession();
  const caps = Array.isArray(cap) ? cap : [cap];
  return caps.some(can) ? <>{children}</> : <Forbidden />;
}

/** All routes of the app. */
export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/public/stars/:countyId" element={<PublicStarsPage />} />
        <Route path="/public/commitments/:orgId" element={<PublicCommitmentsPage />} />
        <Route path="/public/requests/new/:communityId" element={<PublicRequestPage />} />
        <Route path="/public/requests/track" element={<RequestTrackPage />} />
        <Route path="/public/services/confirm" element={<ServiceConfirmPage />} />
        <Route path="/vote" element={<VotePage />} />
        <Route path="/vote/receipt" element={<VoteReceiptPage />} />
        <Route path="/password" element={<RequireAuth duty="/password"><ChangePasswordPage /></RequireAuth>} />
        <Route path="/totp-setup" element={<RequireAuth duty="/totp-setup"><TotpSetupPage /></RequireAuth>} />
        <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
          <Route index element={<DashboardPage />} />
          <Route path="orgs" element={<RequireCap cap="org.read"><OrgsPage /></RequireCap>} />
          <Route path="orgs/:id" element={<RequireCap cap="org.read"><OrgsPage /></RequireCap>} />
          <Route path="members" element={<RequireCap cap="member.read"><MembersPage /></RequireCap>} />
          <Route path="members/:id" element={<RequireCap cap="member.read"><MemberDetailPage /></RequireCap>} />
          <Route path="residents" element={<RequireCap cap="resident.read"><ResidentsPage /></RequireCap>} />
          <Route path="residents/:id" element={<RequireCap cap="resident.read"><ResidentDetailPage /></RequireCap>} />
          <Route path="teams" element={<RequireCap cap={['member.read', 'resident.read']}><TeamsPage /></RequireCap>} />
          <Route path="schemes" element={<RequireCap cap={['scheme.manage', 'points.read', 'run.manage']}><SchemesPage /></RequireCap>} />
          <Route path="schemes/:id" element={<RequireCap cap={['scheme.manage', 'points.read', 'run.manage']}><SchemeDetailPage /></RequireCap>} />
          <Route path="points" element={<RequireCap cap={['points.read', 'points.record']}><LedgerPage /></RequireCap>} />
          <Route path="runs" element={<RequireCap cap={['run.manage', 'points.read']}><RunsPage /></RequireCap>} />
          <Route path="runs/:id" element={<RequireCap cap={['run.manage', 'points.read']}><RunDetailPage /></RequireCap>} />
          <Route path="tasks" element={<RequireCap cap={['task.manage', 'points.read']}><TasksPage /></RequireCap>} />
          <Route path="my-points" element={<RequireCap cap="self"><HandbookPage /></RequireCap>} />
          <Route path="board" element={<RequireCap cap={['points.read', 'self']}><BoardPage /></RequireCap>} />
          <Route path="stars" element={<RequireCap cap="rating.read"><StarsPage /></RequireCap>} />
          <Route path="stars/results" element={<RequireCap cap="rating.read"><StarResultsPage /></RequireCap>} />
          <Route path="stars/standard" element={<RequireCap cap="rating.read"><StarStandardPage /></RequireCap>} />
          <Route path="stars/:id" element={<RequireCap cap="rating.read"><StarApplicationPage /></RequireCap>} />
          {/* no capability guard: a teller without eval.read still counts; the API shows each caller only their campaigns */}
          <Route path="evaluation" element={<EvaluationPage />} />
          <Route path="evaluation/:id" element={<EvaluationCampaignPage />} />
          <Route path="vanguard" element={<RequireCap cap={['eval.read', 'self']}><VanguardPage /></RequireCap>} />
          <Route path="commitments" element={<RequireCap cap={['commit.read', 'self']}><CommitmentsPage /></RequireCap>} />
          <Route path="posts" element={<RequireCap cap={['commit.read', 'self']}><PostsPage /></RequireCap>} />
          <Route path="requests/stats" element={<RequireCap cap="request.read"><RequestStatsPage /></RequireCap>} />
          <Route path="grid" element={<RequireCap cap="request.read"><GridWorkPage /></RequireCap>} />
          <Route path="requests" element={<RequireCap cap="request.read"><RequestsPage /></RequireCap>} />
          <Route path="requests/categories" element={<RequireCap cap="request.read"><RequestCategoriesPage /></RequireCap>} />
          <Route path="requests/:id" element={<RequireCap cap="request.read"><RequestsPage /></RequireCap>} />
          <Route path="reviews" element={<RequireCap cap="request.read"><ReviewsPage /></RequireCap>} />
          <Route path="service-needs" element={<RequireCap cap={['request.read', 'resident.write', 'self']}><ServiceNeedsPage /></RequireCap>} />
          <Route path="volunteer" element={<RequireCap cap={['member.read', 'resident.read', 'self']}><VolunteerPage /></RequireCap>} />
          <Route path="import" element={<RequireCap cap="import"><ImportPage /></RequireCap>} />
          <Route path="users" element={<RequireCap cap={['user.manage', 'user.unlock']}><UsersPage /></RequireCap>} />
          <Route path="security" element={<RequireCap cap="security.manage"><SecurityPage /></RequireCap>} />
          <Route path="audit" element={<RequireCap cap="audit.read"><AuditPage /></RequireCap>} />
          <Route path="me" element={<MePage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
