from django.urls import path

from cooperation import views

app_name = "cooperation"


def register(prefix, name, lister, creator, detail, editor):
    """The list, new, detail and edit pages of a register."""
    return [
        path(f"{prefix}/", lister.as_view(), name=f"{name}_list"),
        path(f"{prefix}/new/", creator.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", editor.as_view(), name=f"{name}_edit"),
    ]


urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    *register(
        "partners",
        "partner",
        views.PartnerListView,
        views.PartnerCreateView,
        views.PartnerDetailView,
        views.PartnerEditView,
    ),
    # Agreements: recorded by their parties or the secretariat, through the workflow, and
    # shared by grants.
    *register(
        "agreements",
        "agreement",
        views.AgreementListView,
        views.AgreementCreateView,
        views.AgreementDetailView,
        views.AgreementEditView,
    ),
    path(
        "agreements/<int:pk>/access/<str:action>/",
        views.AgreementAccessView.as_view(),
        name="agreement_access",
    ),
    path(
        "agreements/<int:pk>/<str:action>/",
        views.AgreementTransitionView.as_view(),
        name="agreement_transition",
    ),
    # Information exchanges: read only by their parties and those granted them.
    *register(
        "exchanges",
        "exchange",
        views.ExchangeListView,
        views.ExchangeCreateView,
        views.ExchangeDetailView,
        views.ExchangeEditView,
    ),
    path(
        "exchanges/<int:pk>/access/<str:action>/",
        views.ExchangeAccessView.as_view(),
        name="exchange_access",
    ),
    # The secretariat's registers
    *register(
        "dialogues",
        "dialogue",
        views.DialogueListView,
        views.DialogueCreateView,
        views.DialogueDetailView,
        views.DialogueEditView,
    ),
    path("follow-up/", views.FollowUpListView.as_view(), name="follow_up_list"),
    path("follow-up/new/", views.FollowUpCreateView.as_view(), name="follow_up_create"),
    path("follow-up/<int:pk>/edit/", views.FollowUpEditView.as_view(), name="follow_up_edit"),
    *register(
        "outreach",
        "outreach",
        views.OutreachListView,
        views.OutreachCreateView,
        views.OutreachDetailView,
        views.OutreachEditView,
    ),
]
