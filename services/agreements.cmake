# The AgreementService: agreements, results ingestion, settlements and
# simulation (see agreement_service.h for how the files divide the work).
add_library(mea_agreement_service STATIC
    ${CMAKE_CURRENT_LIST_DIR}/agreement_service.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_results_service.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_settlement_service.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_simulation_service.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_access.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_visibility.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_validation.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_evaluation.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_summary.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_compare.cc
    ${CMAKE_CURRENT_LIST_DIR}/results_validation.cc
    ${CMAKE_CURRENT_LIST_DIR}/results_ingestion.cc
    ${CMAKE_CURRENT_LIST_DIR}/results_upload_reactor.cc
    ${CMAKE_CURRENT_LIST_DIR}/results_digest.cc
    ${CMAKE_CURRENT_LIST_DIR}/agreement_demo_client.cc
    ${CMAKE_CURRENT_LIST_DIR}/demo_agreements.cc)
target_include_directories(mea_agreement_service PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_agreement_service PUBLIC
    mea_service_common mea_auth mea_evaluation mea_storage mea_rules mea_proto
    gRPC::grpc++ OpenSSL::Crypto)
