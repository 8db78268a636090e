package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.ErrorCode;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every answer is a problem with a code, also those given before Spring MVC runs: Tomcat's refusals
 * ({@link ProblemErrorReportValve}) and Spring Security's firewall (encoded '.', '%', ';', '//' in paths).
 */
@Configuration(proxyBeanMethods = false)
public class ServerErrorsConfiguration {

    @Bean
    ProblemErrorReports problemErrorReports() {
        return new ProblemErrorReports();
    }

    /** Runs after Boot's own customizer, which installs Tomcat's HTML ErrorReportValve: it is replaced. */
    static final class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> Problems.write(request, response, ErrorCode.MALFORMED_REQUEST,
                "The request path contains a sequence that is not allowed (an encoded '.', '/', '\\', '%' or ';', "
                        + "'//', or a control character)");
    }
}
