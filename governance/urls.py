from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    path("participation/", views.ParticipationView.as_view(), name="participation"),
    # Positions and their mandates
    path("positions/", views.PositionListView.as_view(), name="position_list"),
    path("positions/new/", views.PositionCreateView.as_view(), name="position_create"),
    path("positions/<int:pk>/", views.PositionDetailView.as_view(), name="position_detail"),
    path("positions/<int:pk>/edit/", views.PositionEditView.as_view(), name="position_edit"),
    path("mandates/", views.MandateListView.as_view(), name="mandate_list"),
    path("mandates/new/", views.MandateCreateView.as_view(), name="mandate_create"),
    path("mandates/<int:pk>/", views.MandateDetailView.as_view(), name="mandate_detail"),
    path("mandates/<int:pk>/edit/", views.MandateEditView.as_view(), name="mandate_edit"),
    path("mandates/<int:pk>/renew/", views.MandateRenewView.as_view(), name="mandate_renew"),
    # The decision register and the meetings
    path("decisions/", views.DecisionListView.as_view(), name="decision_list"),
    path("decisions/new/", views.DecisionCreateView.as_view(), name="decision_create"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/edit/", views.DecisionEditView.as_view(), name="decision_edit"),
    path(
        "decisions/<int:pk>/publish/",
        views.DecisionPublishView.as_view(),
        name="decision_publish",
    ),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    # Consultations and members' responses
    path("consultations/", views.ConsultationListView.as_view(), name="consultation_list"),
    path("consultations/new/", views.ConsultationCreateView.as_view(), name="consultation_create"),
    path(
        "consultations/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="consultation_detail",
    ),
    path(
        "consultations/<int:pk>/edit/",
        views.ConsultationEditView.as_view(),
        name="consultation_edit",
    ),
    path("responses/", views.ResponseListView.as_view(), name="response_list"),
    path("responses/new/", views.ResponseCreateView.as_view(), name="response_create"),
    path("responses/<int:pk>/", views.ResponseDetailView.as_view(), name="response_detail"),
    path("responses/<int:pk>/edit/", views.ResponseEditView.as_view(), name="response_edit"),
    path(
        "responses/<int:pk>/access/<str:action>/",
        views.ResponseAccessView.as_view(),
        name="response_access",
    ),
    path(
        "responses/<int:pk>/<str:action>/",
        views.ResponseTransitionView.as_view(),
        name="response_transition",
    ),
]
