from django.urls import path

from security import views

app_name = "security"


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


urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    # Who recognises whom
    path("network/", views.NetworkView.as_view(), name="network"),
    *member_register(
        "safe",
        "safe",
        (
            views.SafeListView,
            views.SafeCreateView,
            views.SafeDetailView,
            views.SafeEditView,
            views.SafeTransitionView,
        ),
    ),
    *member_register(
        "aeo",
        "aeo",
        (
            views.AEOListView,
            views.AEOCreateView,
            views.AEODetailView,
            views.AEOEditView,
            views.AEOTransitionView,
        ),
    ),
    *member_register(
        "aeo-operators",
        "aeo_count",
        (
            views.AEOCountListView,
            views.AEOCountCreateView,
            views.AEOCountDetailView,
            views.AEOCountEditView,
            views.AEOCountTransitionView,
        ),
    ),
    *member_register(
        "strategy",
        "strategy",
        (
            views.StrategyListView,
            views.StrategyCreateView,
            views.StrategyDetailView,
            views.StrategyEditView,
            views.StrategyTransitionView,
        ),
    ),
    # Restricted: read access granted by the record's member
    *member_register(
        "passenger-data",
        "passenger",
        (
            views.PassengerListView,
            views.PassengerCreateView,
            views.PassengerDetailView,
            views.PassengerEditView,
            views.PassengerTransitionView,
        ),
    ),
    path(
        "passenger-data/<int:pk>/access/<str:action>/",
        views.PassengerAccessView.as_view(),
        name="passenger_access",
    ),
    *member_register(
        "assessments",
        "assessment",
        (
            views.AssessmentListView,
            views.AssessmentCreateView,
            views.AssessmentDetailView,
            views.AssessmentEditView,
            views.AssessmentTransitionView,
        ),
    ),
    path(
        "assessments/<int:pk>/access/<str:action>/",
        views.AssessmentAccessView.as_view(),
        name="assessment_access",
    ),
    # The secretariat's registers
    path("recognitions/", views.RecognitionListView.as_view(), name="recognition_list"),
    path("recognitions/new/", views.RecognitionCreateView.as_view(), name="recognition_create"),
    path(
        "recognitions/<int:pk>/",
        views.RecognitionDetailView.as_view(),
        name="recognition_detail",
    ),
    path(
        "recognitions/<int:pk>/edit/",
        views.RecognitionEditView.as_view(),
        name="recognition_edit",
    ),
    path("editions/", views.EditionListView.as_view(), name="edition_list"),
    path("editions/new/", views.EditionCreateView.as_view(), name="edition_create"),
    path("editions/<int:pk>/edit/", views.EditionEditView.as_view(), name="edition_edit"),
    path("unions/", views.UnionListView.as_view(), name="union_list"),
    path("unions/new/", views.UnionCreateView.as_view(), name="union_create"),
    path("unions/<int:pk>/edit/", views.UnionEditView.as_view(), name="union_edit"),
]
