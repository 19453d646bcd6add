from django.urls import path

from capacity import views

app_name = "capacity"


def member_register(prefix, name, views_of):
    """The list, new, detail, edit and workflow pages of a register members report into."""
    lister, creator, detail, editor, transition = views_of
    return [
        path(f"{prefix}/", lister.as_view(), name=f"{name}_list"),
        path(f"{prefix}/new/", creator.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", editor.as_view(), name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/<str:action>/", transition.as_view(), name=f"{name}_transition"),
    ]


def secretariat_register(prefix, name, views_of):
    """The list, new, detail and edit pages of a register the secretariat keeps."""
    lister, creator, detail, editor = views_of
    return [
        path(f"{prefix}/", lister.as_view(), name=f"{name}_list"),
        path(f"{prefix}/new/", creator.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", editor.as_view(), name=f"{name}_edit"),
    ]


urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    # Donor coordination: overlaps, gaps and funding breakdowns
    path("coordination/", views.CoordinationView.as_view(), name="coordination"),
    # Follow-up of diagnostic recommendations
    path("follow-up/", views.FollowUpView.as_view(), name="follow_up"),
    *secretariat_register(
        "donors",
        "donor",
        (views.DonorListView, views.DonorCreateView, views.DonorDetailView, views.DonorEditView),
    ),
    *secretariat_register(
        "projects",
        "project",
        (
            views.ProjectListView,
            views.ProjectCreateView,
            views.ProjectDetailView,
            views.ProjectEditView,
        ),
    ),
    # Funding rows show on their project's page
    path("fundings/", views.FundingListView.as_view(), name="funding_list"),
    path("fundings/new/", views.FundingCreateView.as_view(), name="funding_create"),
    path("fundings/<int:pk>/edit/", views.FundingEditView.as_view(), name="funding_edit"),
    # Restricted: read access granted by the mission's member (or the secretariat)
    *secretariat_register(
        "missions",
        "mission",
        (
            views.MissionListView,
            views.MissionCreateView,
            views.MissionDetailView,
            views.MissionEditView,
        ),
    ),
    path(
        "missions/<int:pk>/access/<str:action>/",
        views.MissionAccessView.as_view(),
        name="mission_access",
    ),
    *secretariat_register(
        "recommendations",
        "recommendation",
        (
            views.RecommendationListView,
            views.RecommendationCreateView,
            views.RecommendationDetailView,
            views.RecommendationEditView,
        ),
    ),
    # Its member updates a recommendation's follow-up
    path(
        "recommendations/<int:pk>/follow-up/",
        views.FollowUpEditView.as_view(),
        name="recommendation_follow_up",
    ),
    *secretariat_register(
        "evaluations",
        "evaluation",
        (
            views.EvaluationListView,
            views.EvaluationCreateView,
            views.EvaluationDetailView,
            views.EvaluationEditView,
        ),
    ),
    path("instruments/", views.InstrumentListView.as_view(), name="instrument_list"),
    path("instruments/<int:pk>/", views.InstrumentDetailView.as_view(), name="instrument_detail"),
    *secretariat_register(
        "reviews",
        "review",
        (
            views.ReviewListView,
            views.ReviewCreateView,
            views.ReviewDetailView,
            views.ReviewEditView,
        ),
    ),
    *member_register(
        "uptakes",
        "uptake",
        (
            views.UptakeListView,
            views.UptakeCreateView,
            views.UptakeDetailView,
            views.UptakeEditView,
            views.UptakeTransitionView,
        ),
    ),
    *member_register(
        "training",
        "training",
        (
            views.TrainingListView,
            views.TrainingCreateView,
            views.TrainingDetailView,
            views.TrainingEditView,
            views.TrainingTransitionView,
        ),
    ),
]
